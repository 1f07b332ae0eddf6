using Closeloop.Server.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Closeloop.Server.Hosting;

/// <summary>Healthy while the database answers: what a load balancer needs to know.</summary>
public sealed class DatabaseHealthCheck(CloseloopDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the database does not answer");
}
