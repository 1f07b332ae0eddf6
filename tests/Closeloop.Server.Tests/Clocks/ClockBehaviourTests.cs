using Closeloop.Calendar;
using Closeloop.Clocks;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>How clocks on orders behave around holidays, pauses, units that tighten them, warnings and breaches.</summary>
public sealed class ClockBehaviourTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void Complaint_clocks_skip_the_spring_festival_and_count_its_adjusted_saturdays()
    {
        // Friday 13 February 2026, 10:00; the festival runs 15–23 February, Saturdays 14 and 28 are working days.
        var complaint = new OrderDriver("sgcc-95598", "complaint", null, new DateTimeOffset(2026, 2, 13, 10, 0, 0, Beijing), grade: "general");

        Assert.Equal(new DateTimeOffset(2026, 2, 13, 10, 20, 0, Beijing), complaint.Clock("complaintDispatch").Due);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 0, 0, 0, Beijing), complaint.Clock("complaintContact").Due);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, Beijing), complaint.Clock("complaintHandling").Due);
    }

    [Fact]
    public void Gas_complaint_clocks_count_natural_days_straight_through_national_day()
    {
        var complaint = new OrderDriver("city-gas", "complaint", null, new DateTimeOffset(2026, 9, 30, 16, 0, 0, Beijing), grade: "general");

        Assert.Equal(new DateTimeOffset(2026, 10, 3, 0, 0, 0, Beijing), complaint.Clock("complaintInvestigation").Due);
        Assert.Equal(new DateTimeOffset(2026, 10, 4, 0, 0, 0, Beijing), complaint.Clock("complaintAnswer").Due);
    }

    [Fact]
    public void A_major_gas_complaint_graded_at_dispatch_gets_the_shorter_limits()
    {
        var complaint = new OrderDriver("city-gas", "complaint", null, new DateTimeOffset(2026, 9, 30, 16, 0, 0, Beijing)) { Grade = "major" };
        Assert.Equal(2, complaint.Clock("complaintInvestigation").Amount);

        complaint.Reach("dispatch", TimeSpan.FromMinutes(5));

        Assert.Equal(1, complaint.Clock("complaintInvestigation").Amount);
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 0, 0, 0, Beijing), complaint.Clock("complaintInvestigation").Due);
    }

    [Theory]
    [InlineData("js-nj-om", 45)]
    [InlineData("js-nj-jn", 90)]
    [InlineData("js-nj-jn-crew1", 90)]
    public void A_repair_crew_unit_tightens_the_arrival_commitment_counted_from_the_call(string crewUnit, int minutes)
    {
        var acceptedAt = new DateTimeOffset(2026, 3, 2, 22, 0, 0, Beijing);
        var repair = new OrderDriver("sgcc-95598", "faultRepair", null, acceptedAt, grade: "urgent") { DispatchTo = crewUnit };
        Assert.Equal(acceptedAt.AddMinutes(120), repair.Clock("repairArrival").Due);

        var dispatched = repair.Reach("dispatch", TimeSpan.FromMinutes(1));

        Assert.Equal(acceptedAt.AddMinutes(minutes), repair.Clock("repairArrival").Due);
        Assert.Contains(dispatched.Changes.Clocks!, c => c.Policy == "repairArrival" && c.Kind == ClockChangeKind.Relimited);
    }

    [Fact]
    public void An_order_returned_by_the_unit_that_tightened_a_clock_counts_it_by_the_looser_limit_again()
    {
        var acceptedAt = new DateTimeOffset(2026, 3, 2, 22, 0, 0, Beijing);
        var repair = new OrderDriver("sgcc-95598", "faultRepair", null, acceptedAt, grade: "urgent") { DispatchTo = "js-nj-om" };
        repair.Reach("dispatch", TimeSpan.FromMinutes(1));

        repair.Do("return", acceptedAt.AddMinutes(3));

        Assert.Equal(acceptedAt.AddMinutes(120), repair.Clock("repairArrival").Due);
    }

    [Fact]
    public void Waiting_for_the_customer_pauses_the_handling_clock_and_resuming_keeps_the_time_it_had_left()
    {
        // Accepted Monday 2 March 10:00: 4 working days end at 24:00 on Friday 6 March.
        var consultation = new OrderDriver("sgcc-95598", "consultation", null, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Beijing));
        consultation.Reach("receive", TimeSpan.FromMinutes(10));
        var handling = consultation.Clock("consultationHandling");
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 0, 0, 0, Beijing), handling.Due);

        // Waits from Tuesday 3 March 12:00 to Thursday 5 March 12:00: two working days.
        consultation.Do("suspend", new DateTimeOffset(2026, 3, 3, 12, 0, 0, Beijing));
        var left = handling.Allowed - handling.Used;
        Assert.Equal(ClockState.Paused, handling.State);
        Assert.Null(handling.NextFireAt);
        consultation.Do("resume", new DateTimeOffset(2026, 3, 5, 12, 0, 0, Beijing));

        Assert.Equal(left, handling.Allowed - handling.Used);
        // Two working days later, skipping the weekend: 24:00 on Tuesday 10 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, Beijing), handling.Due);
    }

    [Fact]
    public void A_clock_warns_then_breaches_each_once()
    {
        var acceptedAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Beijing);
        var consultation = new OrderDriver("sgcc-95598", "consultation", null, acceptedAt);
        var dispatch = consultation.Clock("consultationDispatch");
        Assert.Equal(acceptedAt.AddMinutes(15), dispatch.WarnAt);

        Assert.Null(dispatch.Fire(acceptedAt.AddMinutes(14)));
        Assert.Equal(ClockChangeKind.Warned, dispatch.Fire(acceptedAt.AddMinutes(15))!.Kind);
        Assert.Null(dispatch.Fire(acceptedAt.AddMinutes(16)));
        Assert.Equal(ClockChangeKind.Breached, dispatch.Fire(acceptedAt.AddMinutes(20))!.Kind);
        Assert.Null(dispatch.Fire(acceptedAt.AddMinutes(40)));
        Assert.Null(dispatch.NextFireAt);
        Assert.Equal(ClockState.Breached, dispatch.State);
    }

    [Fact]
    public void A_clock_stopped_late_keeps_by_how_much()
    {
        var acceptedAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Beijing);
        var consultation = new OrderDriver("sgcc-95598", "consultation", null, acceptedAt);
        consultation.Clock("consultationDispatch").Fire(acceptedAt.AddMinutes(21));

        consultation.Do("dispatch", acceptedAt.AddMinutes(23));

        var dispatch = consultation.Clock("consultationDispatch");
        Assert.Equal(ClockState.Breached, dispatch.State);
        Assert.Equal(TimeSpan.FromMinutes(-3), dispatch.Margin);
        Assert.Equal(acceptedAt.AddMinutes(20), dispatch.BreachedAt);
    }

    [Fact]
    public void Closing_an_order_stops_every_clock_still_running()
    {
        var report = new OrderDriver("sgcc-95598", "report", null, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Beijing));
        report.Reach("reply", TimeSpan.FromHours(2));

        report.Reach("archive", TimeSpan.FromHours(1));

        Assert.All(report.Clocks, c => Assert.NotNull(c.StoppedAt));
        Assert.Equal(ClockState.Met, report.Clock("reportAnswer").State);
    }

    [Fact]
    public void A_second_issue_transfer_runs_a_second_clock_of_its_own()
    {
        var repair = new OrderDriver("city-gas", "repair", null, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Beijing));
        repair.Reach("answerTransfer", TimeSpan.FromHours(1));

        repair.Reach("answerTransfer", TimeSpan.FromDays(3));

        Assert.Equal(ClockState.Met, repair.Clock("issueTransfer", 1).State);
        Assert.Equal(ClockState.Breached, repair.Clock("issueTransfer", 2).State);
    }

    [Fact]
    public void A_working_day_clock_started_at_night_explains_its_days_like_the_calendar_endpoint()
    {
        var consultation = new OrderDriver("sgcc-95598", "consultation", null, new DateTimeOffset(2026, 2, 13, 10, 0, 0, Beijing));
        var handling = consultation.Clock("consultationHandling");

        var explained = DeadlineExplanation.Of(consultation.CalendarOf(handling), handling.StartedAt, handling.Period);

        Assert.Equal(handling.Due, explained.Due);
        Assert.Equal("2026年2月26日 24:00", explained.DueText.Zh);
    }
}
