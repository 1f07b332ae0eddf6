using Closeloop.Calendar;
using Closeloop.Clocks;
using CsCheck;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>Laws every clock on an order keeps, on random orders of the shipped presets across 2024–2026.</summary>
public sealed class ClockPropertyTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly Gen<DateTimeOffset> Start =
        Gen.Int[0, (int)(new DateTimeOffset(2026, 6, 1, 0, 0, 0, Beijing) - new DateTimeOffset(2024, 1, 1, 0, 0, 0, Beijing)).TotalMinutes]
            .Select(m => new DateTimeOffset(2024, 1, 1, 0, 0, 0, Beijing).AddMinutes(m));

    [Fact]
    public void Waiting_for_the_customer_never_brings_a_clock_forward_and_is_added_back_in_full()
    {
        // Received after 0–3 days, waits 1 minute to 10 days, resumes.
        Gen.Select(Start, Gen.Int[0, 3 * 24 * 60], Gen.Int[1, 10 * 24 * 60]).Sample((accepted, untilWait, wait) =>
        {
            var paused = new OrderDriver("sgcc-95598", "consultation", null, accepted);
            var straight = new OrderDriver("sgcc-95598", "consultation", null, accepted);
            paused.Reach("receive", TimeSpan.FromMinutes(1));
            straight.Reach("receive", TimeSpan.FromMinutes(1));
            var handling = paused.Clock("consultationHandling");
            if (handling.IsStopped)
                return;

            var suspendAt = paused.Now.AddMinutes(untilWait);
            paused.Do("suspend", suspendAt);
            var left = handling.Allowed - handling.Used;
            paused.Do("resume", suspendAt.AddMinutes(wait));

            Assert.True(handling.Due >= straight.Clock("consultationHandling").Due, $"accepted {accepted}, waited {wait} min from {suspendAt}");
            Assert.Equal(left, paused.CalendarOf(handling).Between(handling.RunningSince!.Value, handling.Due, DeadlineUnit.WorkingDays));
        });
    }

    [Fact]
    public void A_clock_fires_its_warning_before_its_breach_and_each_once()
    {
        Gen.Select(Start, Gen.Int[1, 12 * 24 * 60]).Sample((accepted, step) =>
        {
            // The runner sweeps every `step` minutes, however late that is.
            var complaint = new OrderDriver("sgcc-95598", "complaint", null, accepted, grade: "general");
            foreach (var clock in complaint.Clocks)
            {
                var fired = new List<ClockChangeKind>();
                for (var now = accepted; now <= clock.Due.AddMinutes(step); now = now.AddMinutes(step))
                {
                    if (clock.Fire(now) is { } change)
                        fired.Add(change.Kind);
                }
                Assert.Equal(ClockChangeKind.Breached, fired[^1]);
                Assert.Equal(fired.Count == 2 ? [ClockChangeKind.Warned, ClockChangeKind.Breached] : [ClockChangeKind.Breached], fired);
                Assert.Equal(ClockState.Breached, clock.State);
                Assert.Null(clock.NextFireAt);
            }
        });
    }
}
