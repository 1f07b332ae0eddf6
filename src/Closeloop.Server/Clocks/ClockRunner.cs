using Closeloop.Server.Calendar;
using Closeloop.Server.Notifications;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;

namespace Closeloop.Server.Clocks;

/// <summary>
/// The background runner: every second it fires what has come due, batch after batch until the
/// backlog is gone. All it knows lives in the database, so a restart loses and repeats nothing.
/// </summary>
public sealed class ClockRunner(
    IServiceScopeFactory scopes, Rulebooks rulebooks, Calendars calendars, Outbox outbox, IConfiguration configuration, TimeProvider clock, ILogger<ClockRunner> log)
    : BackgroundService
{
    /// <summary>Clocks claimed per transaction unless <c>Clocks:BatchSize</c> says otherwise.</summary>
    public const int DefaultBatchSize = 1000;

    private readonly int _batchSize = configuration.GetValue("Clocks:BatchSize", DefaultBatchSize);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Fires one batch of due clocks; returns how many fired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloseloopDb>();
        return await FireDueClocks.RunAsync(db, rulebooks, calendars, outbox, clock.GetUtcNow(), _batchSize, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A one-shot delay, not a periodic timer: after a pause (a suspended machine, a fake clock
        // jumping days) the loop runs once and catches up by batches, not once per missed tick.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SweepAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The transaction rolled back: the same clocks are claimed again on the next tick.
                log.LogError(e, "Clock sweep failed");
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }
}
