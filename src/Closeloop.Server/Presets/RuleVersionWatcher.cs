using Closeloop.Server.Storage;

namespace Closeloop.Server.Presets;

/// <summary>
/// Keeps this node on the current rule version when another node changes it: one indexed read of
/// the latest change every <c>Rules:RefreshSeconds</c> (2 by default). The node that makes a change
/// takes it at once (decision 0007).
/// </summary>
public sealed class RuleVersionWatcher(
    IServiceScopeFactory scopes, Rulebooks rulebooks, IConfiguration configuration, TimeProvider clock, ILogger<RuleVersionWatcher> log)
    : BackgroundService
{
    public const double DefaultRefreshSeconds = 2;

    private readonly TimeSpan _interval = TimeSpan.FromSeconds(configuration.GetValue("Rules:RefreshSeconds", DefaultRefreshSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(_interval, clock, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await rulebooks.RefreshAsync(scope.ServiceProvider.GetRequiredService<CloseloopDb>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database was unreachable for a moment: the next tick reads again.
                log.LogWarning(e, "Could not read the current rule version");
            }
        }
    }
}
