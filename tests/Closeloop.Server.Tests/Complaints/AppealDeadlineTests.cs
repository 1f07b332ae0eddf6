using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Server.Tests.Clocks;
using Closeloop.WorkOrders;

namespace Closeloop.Server.Tests.Complaints;

/// <summary>
/// The gas company's appeal deadlines (seed 004, art. 9) on the official 2026 calendar: an appeal is
/// filed within 3 natural days of the closing, holidays included, and decided within 3 working days,
/// which skip them; a final appeal has its own window from the first decision.
/// </summary>
public sealed class AppealDeadlineTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Wednesday 30 September 2026, the eve of the National Day holiday (1–7 October; Saturday 10 October is worked).
    private static readonly DateTimeOffset HolidayEve = new(2026, 9, 30, 9, 0, 0, Beijing);

    [Fact]
    public void An_appeal_is_accepted_until_24_00_of_the_third_natural_day_after_the_closing_holiday_or_not()
    {
        var inTime = Judged(new DateTimeOffset(2026, 9, 30, 15, 0, 0, Beijing));
        var late = Judged(new DateTimeOffset(2026, 9, 30, 15, 0, 0, Beijing));
        var shut = new DateTimeOffset(2026, 10, 4, 0, 0, 0, Beijing);

        var filed = inTime.Attempt("appeal", shut);
        var refused = late.Attempt("appeal", shut.AddSeconds(1));

        Assert.Equal("appealed", filed.Recorded?.ToStatus);
        var windowShut = Assert.IsType<ActionRefusal.WindowShut>(refused.Refusal);
        Assert.Equal((late.Order.ClosedAt, shut), (windowShut.ClosedAt, windowShut.ShutAt));
        Assert.Equal("archived", late.Order.Status);
    }

    [Fact]
    public void An_appeal_filed_on_the_holiday_eve_is_due_three_working_days_later_on_the_adjusted_working_saturday()
    {
        var order = Judged(new DateTimeOffset(2026, 9, 30, 15, 0, 0, Beijing));

        order.Do("appeal", new DateTimeOffset(2026, 9, 30, 16, 0, 0, Beijing));

        // 1–7 October are the holiday; 8 and 9 October and the worked Saturday the 10th are the three working days.
        var decision = order.Clock("appealDecision");
        Assert.Equal(new DateTimeOffset(2026, 10, 11, 0, 0, 0, Beijing), decision.Due);
        Assert.Equal(("jc-so", "jc-pn"), (order.Order.ResponsibleUnit, order.Order.FindingUnit));
        Assert.Null(order.Order.ClosedAt);
        order.Do("decideAppeal", new DateTimeOffset(2026, 10, 10, 17, 0, 0, Beijing));
        Assert.Equal(ClockState.Met, order.Clock("appealDecision").State);
    }

    [Fact]
    public void The_final_appeal_window_counts_from_the_first_decision_not_from_the_first_closing()
    {
        var order = Judged(HolidayEve);
        order.Do("appeal", HolidayEve.AddHours(1));
        var decidedAt = new DateTimeOffset(2026, 10, 9, 11, 0, 0, Beijing);
        order.Do("decideAppeal", decidedAt);

        Assert.Equal(decidedAt, order.Order.ClosedAt);
        var filed = order.Attempt("finalAppeal", new DateTimeOffset(2026, 10, 12, 23, 0, 0, Beijing));

        Assert.Equal(("finalAppealed", "jc"), (filed.Recorded?.ToStatus, order.Order.ResponsibleUnit));
        Assert.Equal(new Period(3, DeadlineUnit.WorkingDays), order.Clock("finalAppealDecision").Period);
    }

    [Fact]
    public void A_complaint_found_not_responsible_has_no_unit_to_appeal_it()
    {
        var order = new OrderDriver("city-gas", "complaint", null, HolidayEve, grade: "general") { Finding = "misunderstanding", FindingUnit = null };
        order.Reach("judge", TimeSpan.FromMinutes(5));

        var refused = order.Attempt("appeal", order.Now.AddHours(1));

        Assert.IsType<ActionRefusal.NoUnitFound>(refused.Refusal);
        Assert.Equal(("misunderstanding", null), (order.Order.Finding, order.Order.FindingUnit));
    }

    [Fact]
    public void The_history_alone_rebuilds_the_finding_and_closing_an_appeal_left()
    {
        var order = Judged(HolidayEve);
        order.Do("appeal", HolidayEve.AddHours(1));
        order.Finding = "customerFault";
        order.FindingUnit = null;
        order.Do("decideAppeal", HolidayEve.AddDays(8));

        var replayed = WorkOrder.Replay(order.History);

        Assert.Equal(
            (order.Order.Status, order.Order.Finding, order.Order.FindingUnit, order.Order.ClosedAt, order.Order.ResponsibleUnit),
            (replayed.Status, replayed.Finding, replayed.FindingUnit, replayed.ClosedAt, replayed.ResponsibleUnit));
        Assert.Equal(("appealDecided", "customerFault", null), (replayed.Status, replayed.Finding, replayed.FindingUnit));
    }

    // A general gas complaint taken through to its judgement at `at`, found to be the pipeline department's.
    private static OrderDriver Judged(DateTimeOffset at)
    {
        var order = new OrderDriver("city-gas", "complaint", null, at.AddHours(-5), grade: "general") { DispatchTo = "jc-pn" };
        order.FindingUnit = "jc-pn";
        order.Reach("callback", TimeSpan.FromMinutes(5));
        order.Do("judge", at);
        return order;
    }
}
