using Closeloop.Clocks;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>
/// Clocks of an order that goes down several units and comes back up one review at a time: each hop
/// counts running clocks by the unit now responsible, and the clocks that wait for the units' answer
/// stop (or start) only when it reaches the accepting unit.
/// </summary>
public sealed class HopClockTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Monday 2 March 2026, 09:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Beijing);

    [Fact]
    public void A_complaints_clocks_are_counted_by_each_unit_it_reaches_and_its_handling_stops_only_at_the_centre()
    {
        var complaint = new OrderDriver("sgcc-95598", "complaint", null, Monday, grade: "general");
        var at = Monday;
        void Step(string action, string? unit = null)
        {
            at = at.AddMinutes(10);
            if (unit is not null)
                complaint.DispatchTo = unit;
            complaint.Do(action, at);
        }

        Step("dispatch", "js-csc");
        Step("receive");
        Assert.Equal("js-csc", complaint.Clock("complaintContact").CountedBy);
        Step("forward", "js-nj-jn-mkt");
        Step("receive");
        Assert.Equal(("js-nj-jn-mkt", "js-nj-jn-mkt"), (complaint.Clock("complaintContact").CountedBy, complaint.Clock("complaintHandling").CountedBy));
        Step("contact");
        Step("handle");
        Step("review");
        Assert.False(complaint.Clock("complaintHandling").IsStopped);
        Assert.DoesNotContain(complaint.Clocks, c => c.Policy == "complaintCallback");
        Step("reject");
        Step("handle");
        Step("review");
        Step("review");

        var handling = complaint.Clock("complaintHandling");
        Assert.Equal((ClockState.Met, at), (handling.State, handling.StoppedAt));
        var callback = Assert.Single(complaint.Clocks, c => c.Policy == "complaintCallback");
        Assert.Equal(("sgcc-csc", at), (callback.CountedBy, callback.StartedAt));
        Assert.Equal(("reviewed", "sgcc-csc"), (complaint.Order.Status, complaint.Order.ResponsibleUnit));
    }

    [Fact]
    public void A_clock_stopped_on_the_first_hop_stays_stopped_through_the_next_hops()
    {
        var consultation = new OrderDriver("sgcc-95598", "consultation", null, Monday) { DispatchTo = "js-csc" };
        consultation.Do("dispatch", Monday.AddMinutes(5));
        consultation.Do("receive", Monday.AddMinutes(6));
        consultation.DispatchTo = "js-nj-jn-mkt";

        var forwarded = consultation.Do("forward", Monday.AddMinutes(30));

        var dispatch = Assert.Single(consultation.Clocks, c => c.Policy == "consultationDispatch");
        Assert.Equal((ClockState.Met, Monday.AddMinutes(5), "sgcc-csc"), (dispatch.State, dispatch.StoppedAt, dispatch.CountedBy));
        Assert.DoesNotContain(forwarded.Changes.Clocks!, c => c.Policy == "consultationDispatch");
    }

    [Fact]
    public void A_gas_repair_forwarded_to_a_crew_is_reviewed_by_the_crew_then_by_its_department_before_the_reply()
    {
        var repair = new OrderDriver("city-gas", "repair", null, Monday) { DispatchTo = "jc-pn" };
        repair.Do("dispatch", Monday.AddMinutes(5));
        repair.Do("receive", Monday.AddMinutes(6));
        repair.DispatchTo = "jc-pn-crew1";
        repair.Do("forward", Monday.AddMinutes(7));
        repair.Do("receive", Monday.AddMinutes(8));
        repair.Do("handle", Monday.AddMinutes(60));

        repair.Do("review", Monday.AddMinutes(70));
        Assert.Equal(("handled", "jc-pn"), (repair.Order.Status, repair.Order.ResponsibleUnit));
        repair.Do("review", Monday.AddMinutes(80));

        Assert.Equal(("reviewed", "jc-cs"), (repair.Order.Status, repair.Order.ResponsibleUnit));
    }
}
