using Closeloop.Calendar;
using Closeloop.Clocks;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>
/// Every clock the two shipped presets configure, against the deadlines of DOMAIN.md typed out here
/// by hand: which action starts it, how long it allows, and that it stops met in time and breached
/// when late.
/// </summary>
public sealed class PresetClockTests
{
    // A plain working week: Monday 2 March 2026, 09:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, string, string, string?, string?, string?, int, DeadlineUnit> Clocks => new()
    {
        // preset, clock, type, subtype, customer class, grade, amount, unit
        { "sgcc-95598", "consultationDispatch", "consultation", null, null, null, 20, DeadlineUnit.Minutes },
        { "sgcc-95598", "consultationHandling", "consultation", null, null, null, 4, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "consultationReply", "consultation", null, null, null, 1, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "repairDispatch", "faultRepair", null, null, "urgent", 2, DeadlineUnit.Minutes },
        { "sgcc-95598", "repairArrival", "faultRepair", null, null, "urgent", 120, DeadlineUnit.Minutes },
        { "sgcc-95598", "repairArrivalEntry", "faultRepair", null, null, "urgent", 5, DeadlineUnit.Minutes },
        { "sgcc-95598", "repairReport", "faultRepair", null, null, "urgent", 5, DeadlineUnit.Minutes },
        { "sgcc-95598", "repairReview", "faultRepair", null, null, "urgent", 30, DeadlineUnit.Minutes },
        { "sgcc-95598", "repairCallback", "faultRepair", null, null, "urgent", 24, DeadlineUnit.Hours },
        { "sgcc-95598", "complaintDispatch", "complaint", null, null, "general", 20, DeadlineUnit.Minutes },
        { "sgcc-95598", "complaintContact", "complaint", null, null, "general", 1, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "complaintHandling", "complaint", null, null, "general", 6, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "complaintCallback", "complaint", null, null, "general", 1, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "supplyPlan", "serviceRequest", "newConnection", "resident", null, 3, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "supplyPlan", "serviceRequest", "newConnection", "lowVoltage", null, 7, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "supplyPlan", "serviceRequest", "newConnection", "highVoltageSingle", null, 15, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "supplyPlan", "serviceRequest", "newConnection", "highVoltageDual", null, 30, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "powerOn", "serviceRequest", "newConnection", "resident", null, 3, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "powerOn", "serviceRequest", "newConnection", "lowVoltage", null, 5, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "meterCheck", "serviceRequest", "meterCheck", null, null, 5, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "billingAnomaly", "serviceRequest", "billingAnomaly", null, null, 7, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "reportAnswer", "report", null, null, null, 10, DeadlineUnit.NaturalDays },
        { "sgcc-95598", "appealDecision", "complaint", null, null, "general", 3, DeadlineUnit.WorkingDays },
        { "sgcc-95598", "finalAppealDecision", "complaint", null, null, "general", 3, DeadlineUnit.WorkingDays },
        { "city-gas", "complaintInvestigation", "complaint", null, null, "major", 1, DeadlineUnit.NaturalDays },
        { "city-gas", "complaintInvestigation", "complaint", null, null, "general", 2, DeadlineUnit.NaturalDays },
        { "city-gas", "complaintAnswer", "complaint", null, null, "major", 2, DeadlineUnit.NaturalDays },
        { "city-gas", "complaintAnswer", "complaint", null, null, "general", 3, DeadlineUnit.NaturalDays },
        { "city-gas", "complaintCallback", "complaint", null, null, "general", 2, DeadlineUnit.NaturalDays },
        { "city-gas", "issueTransfer", "repair", null, null, null, 2, DeadlineUnit.NaturalDays },
        { "city-gas", "issueTransfer", "complaint", null, null, "general", 2, DeadlineUnit.NaturalDays },
        { "city-gas", "appealDecision", "complaint", null, null, "general", 3, DeadlineUnit.WorkingDays },
        { "city-gas", "finalAppealDecision", "complaint", null, null, "major", 3, DeadlineUnit.WorkingDays },
    };

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Each_configured_clock_starts_on_its_action_with_the_regulation_limit(
        string preset, string code, string type, string? subtype, string? customerClass, string? grade, int amount, DeadlineUnit unit)
    {
        var order = new OrderDriver(preset, type, subtype, Monday, customerClass, grade);
        var policy = order.Rules.Clocks.Single(c => c.Code == code);

        order.Reach(policy.Start, TimeSpan.FromMinutes(1));

        var clock = order.Clock(code);
        var calendar = order.CalendarOf(clock);
        Assert.Equal(new Period(amount, unit), clock.Period);
        Assert.Equal(calendar.Due(clock.StartedAt, new Period(amount, unit)), clock.Due);
    }

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Each_configured_clock_is_met_when_its_stop_comes_in_time_and_breached_when_late(
        string preset, string code, string type, string? subtype, string? customerClass, string? grade, int amount, DeadlineUnit unit)
    {
        var inTime = new OrderDriver(preset, type, subtype, Monday, customerClass, grade);
        var late = new OrderDriver(preset, type, subtype, Monday, customerClass, grade);
        var policy = inTime.Rules.Clocks.Single(c => c.Code == code);

        if (policy.Stop.Contains(policy.Start))
        {
            // A record-lag clock starts and stops with one action: it is late when the thing is entered too long after it happened.
            inTime.Reach(policy.Start, TimeSpan.FromMinutes(10), lag: TimeSpan.FromMinutes(amount - 1));
            late.Reach(policy.Start, TimeSpan.FromMinutes(10), lag: TimeSpan.FromMinutes(amount + 1));
            Assert.Equal(DeadlineUnit.Minutes, unit);
        }
        else
        {
            inTime.Reach(policy.Start, TimeSpan.FromMinutes(1));
            late.Reach(policy.Start, TimeSpan.FromMinutes(1));
            inTime.Reach(policy.Stop[0], TimeSpan.FromSeconds(1));
            var dueOfLate = late.Clocks.Single(c => c.Policy == code).Due;
            late.Reach(policy.Stop[0], dueOfLate - late.Now + TimeSpan.FromMinutes(1));
        }

        var met = inTime.Clocks.Where(c => c.Policy == code).Last();
        var breached = late.Clocks.Where(c => c.Policy == code).Last();
        Assert.Equal(ClockState.Met, met.State);
        Assert.True(met.Margin > TimeSpan.Zero);
        Assert.Equal(ClockState.Breached, breached.State);
        Assert.True(breached.Margin < TimeSpan.Zero);
    }

    [Fact]
    public void Every_clock_of_both_presets_is_in_the_table_above()
    {
        var tested = Clocks.Select(row => $"{row.Data.Item1}/{row.Data.Item2}").ToHashSet();

        foreach (var preset in new[] { "sgcc-95598", "city-gas" })
        {
            var rules = new OrderDriver(preset, preset == "city-gas" ? "repair" : "consultation", null, Monday).Rules;
            Assert.All(rules.Clocks, clock => Assert.Contains($"{preset}/{clock.Code}", tested));
        }
    }
}
