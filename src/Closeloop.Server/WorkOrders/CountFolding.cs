using Closeloop.Server.Storage;

namespace Closeloop.Server.WorkOrders;

/// <summary>Folds count deltas into the roll-up every few seconds so the deltas table stays small.</summary>
public sealed class CountFolding(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CountFolding> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CloseloopDb>().FoldCountDeltasAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database was busy or away; the deltas wait for the next round and counts stay exact meanwhile.
                log.LogWarning(e, "Folding work-order counts failed; retrying in {Interval}", Interval);
            }
        }
    }
}
