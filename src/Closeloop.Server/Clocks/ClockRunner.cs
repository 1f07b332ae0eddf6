using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;

namespace Closeloop.Server.Clocks;

/// <summary>
/// The background runner: every second it fires what has come due, batch after batch until the
/// backlog is gone. All it knows lives in the database, so a restart loses and repeats nothing.
/// </summary>
public sealed class ClockRunner(IServiceScopeFactory scopes, Rulebooks rulebooks, Calendars calendars, TimeProvider clock, ILogger<ClockRunner> log)
    : BackgroundService
{
    public const int BatchSize = 1000;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Fires one batch of due clocks; returns how many fired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloseloopDb>();
        return await FireDueClocks.RunAsync(db, rulebooks, calendars, clock.GetUtcNow(), BatchSize, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
