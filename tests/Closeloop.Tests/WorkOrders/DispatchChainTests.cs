using Closeloop.Routing;
using Closeloop.WorkOrders;

namespace Closeloop.Tests.WorkOrders;

/// <summary>
/// The 95598 flow of a non-repair order through the transition table: the national centre dispatches
/// to a province centre, which forwards to a county department; answers go back up one unit per
/// approval, and any reviewer may send them back down.
/// </summary>
public sealed class DispatchChainTests
{
    private static readonly RoutingSuggestion ToProvince = new("js-csc", "provinceCentre", "type consultation, area 320115 under 320000");
    private static readonly RoutingSuggestion ToCounty = new("js-nj-jn-mkt", "jsAreaMarketing", "area 320115");

    private readonly WorkOrder _order;
    private readonly List<WorkOrderEvent> _history = [];
    private DateTimeOffset _at = TestRules.Monday;

    public DispatchChainTests()
    {
        _order = TestRules.NewOrder(out var accepted);
        _history.Add(accepted);
    }

    [Fact]
    public void The_national_centre_dispatches_the_province_forwards_and_the_county_department_assigns_a_handler()
    {
        Do(new("dispatch", "agent.wang", Unit: "js-csc"), ToProvince);
        Do(new("receive", "province.zhou"));
        var forwarded = Do(new("forward", "province.zhou", Unit: "js-nj-jn-mkt"), ToCounty);
        Do(new("receive", "county.li"));
        var assigned = Do(new("assign", "county.li", Assignee: "handler.chen"));

        Assert.Equal(("dispatched", "inProgress"), (forwarded.ToStatus, assigned.ToStatus));
        Assert.Equal(["csc", "js-csc", "js-nj-jn-mkt"], _order.Route);
        Assert.Equal(["accepted", "inProgress"], _order.RouteStatuses);
        Assert.Equal(("js-nj-jn-mkt", "handler.chen"), (_order.ResponsibleUnit, _order.Assignee));
    }

    [Fact]
    public void Province_forwards_to_a_county_and_the_return_lands_back_in_progress()
    {
        ToCountyDepartment();

        var returned = Do(new("return", "county.li", Reason: "属营销部以外事项"));

        Assert.Equal(("inProgress", "js-csc"), (returned.ToStatus, _order.ResponsibleUnit));
        Assert.Equal(["forward", "return"], _order.AllowedActions(TestRules.ClosedLoop).Where(a => a is "forward" or "return"));
        Do(new("forward", "province.zhou", Unit: "js-nj-jn-om", Reason: "属运检专业"), ToCounty);
        Assert.Equal("js-nj-jn-om", _order.ResponsibleUnit);
    }

    [Fact]
    public void A_county_that_received_the_order_returns_it_to_the_province_in_progress()
    {
        ToCountyDepartment();
        Do(new("receive", "county.li"));
        Do(new("assign", "county.li", Assignee: "handler.chen"));

        Do(new("return", "county.li", Reason: "客户地址在溧水"));

        Assert.Equal(("inProgress", "js-csc", null), (_order.Status, _order.ResponsibleUnit, _order.Assignee));
    }

    [Fact]
    public void A_return_to_the_national_centre_lands_it_accepted_ready_to_dispatch_again()
    {
        Do(new("dispatch", "agent.wang", Unit: "js-csc"), ToProvince);
        Do(new("receive", "province.zhou"));

        Do(new("return", "province.zhou", Reason: "客户在浙江"));

        Assert.Equal(("accepted", "csc"), (_order.Status, _order.ResponsibleUnit));
        Assert.Equal(["csc"], _order.Route);
        Assert.Empty(_order.RouteStatuses);
        Assert.Contains("dispatch", _order.AllowedActions(TestRules.ClosedLoop));
    }

    [Fact]
    public void The_national_centre_has_no_sender_to_return_to()
    {
        Assert.Null(_order.Perform(new("return", "agent", Reason: "x"), TestRules.ClosedLoop, TestRules.Org, _at).Recorded);
    }

    [Fact]
    public void A_forward_outside_the_forwarding_units_subtree_is_refused_naming_the_unit()
    {
        Do(new("dispatch", "agent.wang", Unit: "js-csc"), ToProvince);
        Do(new("receive", "province.zhou"));

        var refusal = _order.Perform(new("forward", "province.zhou", Unit: "zj-csc", Reason: "x"), TestRules.ClosedLoop, TestRules.Org, _at).Refusal;

        Assert.Equal("unit", Assert.IsType<ActionRefusal.InvalidField>(refusal).Field);
        Assert.Equal(3, _order.Version);
    }

    [Fact]
    public void Approval_passes_the_order_up_one_unit_at_a_time_until_it_is_reviewed_at_the_accepting_unit()
    {
        HandledAtTheCounty();

        var county = Do(new("review", "county.reviewer"));
        Assert.Equal(("handled", "js-csc"), (county.ToStatus, _order.ResponsibleUnit));
        Assert.Equal([new Hop("js-nj-jn-mkt", "inProgress")], _order.CameUpFrom);

        var province = Do(new("review", "province.reviewer"));
        Assert.Equal(("reviewed", "csc"), (province.ToStatus, _order.ResponsibleUnit));
        Assert.Equal([new Hop("js-nj-jn-mkt", "inProgress"), new Hop("js-csc", "accepted")], _order.CameUpFrom);
        Assert.Equal(["reply"], _order.AllowedActions(TestRules.ClosedLoop));
    }

    [Fact]
    public void A_reviewer_sends_the_order_back_down_to_the_unit_it_came_up_from_which_handles_again()
    {
        HandledAtTheCounty();
        Do(new("review", "county.reviewer"));

        var sentBack = Do(new("reject", "province.reviewer", Reason: "未写明核查依据"));

        Assert.Equal(("inProgress", "js-nj-jn-mkt"), (sentBack.ToStatus, _order.ResponsibleUnit));
        Assert.Empty(_order.CameUpFrom);
        Assert.Equal(["accepted", "inProgress"], _order.RouteStatuses);
        Do(new("handle", "handler.chen", Comment: "补充核查依据"));
        Do(new("review", "county.reviewer"));
        Do(new("review", "province.reviewer"));
        Assert.Equal(("reviewed", "csc"), (_order.Status, _order.ResponsibleUnit));
    }

    [Fact]
    public void A_reviewer_of_the_handling_unit_sends_the_answer_back_to_its_own_handler()
    {
        HandledAtTheCounty();

        Do(new("reject", "county.reviewer", Reason: "答复过于简单"));

        Assert.Equal(("inProgress", "js-nj-jn-mkt"), (_order.Status, _order.ResponsibleUnit));
    }

    [Fact]
    public void A_return_after_a_send_back_still_lands_where_the_province_held_the_order()
    {
        HandledAtTheCounty();
        Do(new("review", "county.reviewer"));
        Do(new("reject", "province.reviewer", Reason: "请核实"));

        Do(new("return", "county.li", Reason: "核实后不属本单位"));

        Assert.Equal(("inProgress", "js-csc"), (_order.Status, _order.ResponsibleUnit));
    }

    [Fact]
    public void Sending_an_order_elsewhere_than_suggested_needs_a_reason_and_records_the_override()
    {
        var refusal = _order.Perform(new("dispatch", "agent.wang", Unit: "zj-csc"), TestRules.ClosedLoop, TestRules.Org, _at, suggestion: ToProvince).Refusal;
        Assert.Equal("reason", Assert.IsType<ActionRefusal.InvalidField>(refusal).Field);
        Assert.Equal(1, _order.Version);

        var overridden = Do(new("dispatch", "agent.wang", Unit: "zj-csc", Reason: "客户实际用电地址在杭州"), ToProvince);

        Assert.Equal((ToProvince, true), (overridden.Changes.Suggestion, overridden.Changes.Overridden));
    }

    [Fact]
    public void Following_the_suggestion_records_it_as_not_overridden()
    {
        var dispatched = Do(new("dispatch", "agent.wang", Unit: "js-csc"), ToProvince);

        Assert.Equal((ToProvince, false), (dispatched.Changes.Suggestion, dispatched.Changes.Overridden));
        Assert.Null(dispatched.Reason);
    }

    [Fact]
    public void Assigning_needs_the_person()
    {
        ToCountyDepartment();
        Do(new("receive", "county.li"));

        var refusal = _order.Perform(new("assign", "county.li"), TestRules.ClosedLoop, TestRules.Org, _at).Refusal;

        Assert.Equal("assignee", Assert.IsType<ActionRefusal.InvalidField>(refusal).Field);
    }

    [Fact]
    public void Replaying_the_whole_chain_rebuilds_the_same_order()
    {
        HandledAtTheCounty();
        Do(new("review", "county.reviewer"));
        Do(new("reject", "province.reviewer", Reason: "请核实"));
        Do(new("handle", "handler.chen", Comment: "已核实"));
        Do(new("review", "county.reviewer"));

        Assert.Equivalent(_order, WorkOrder.Replay(_history), strict: true);
        Do(new("review", "province.reviewer"));
        Do(new("reply", "agent.wang", Comment: "已答复客户"));
        Assert.Equivalent(_order, WorkOrder.Replay(_history), strict: true);
    }

    [Fact]
    public void An_order_sent_before_the_senders_status_was_recorded_returns_to_the_status_its_row_names()
    {
        var accepted = _history[0];
        var older = WorkOrder.Replay(
        [
            accepted,
            new WorkOrderEvent(accepted.WorkOrderId, 2, "dispatch", "accepted", "dispatched", "agent", _at, null, null, [], new WorkOrderChanges(Route: ["csc", "js-csc"])),
            new WorkOrderEvent(accepted.WorkOrderId, 3, "receive", "dispatched", "inProgress", "province", _at, null, null, [], new WorkOrderChanges()),
        ]);

        older.Perform(new("return", "province", Reason: "x"), TestRules.ClosedLoop, TestRules.Org, _at);

        Assert.Equal(("accepted", "csc"), (older.Status, older.ResponsibleUnit));
    }

    private void ToCountyDepartment()
    {
        Do(new("dispatch", "agent.wang", Unit: "js-csc"), ToProvince);
        Do(new("receive", "province.zhou"));
        Do(new("forward", "province.zhou", Unit: "js-nj-jn-mkt"), ToCounty);
    }

    private void HandledAtTheCounty()
    {
        ToCountyDepartment();
        Do(new("receive", "county.li"));
        Do(new("assign", "county.li", Assignee: "handler.chen"));
        Do(new("handle", "handler.chen", Comment: "已核实电量"));
    }

    private WorkOrderEvent Do(WorkOrderAction action, RoutingSuggestion? suggestion = null)
    {
        _at += TimeSpan.FromMinutes(7);
        var outcome = _order.Perform(action, TestRules.ClosedLoop, TestRules.Org, _at, suggestion: suggestion);
        Assert.True(outcome.Recorded is not null, outcome.Refusal?.Message);
        _history.Add(outcome.Recorded);
        return outcome.Recorded;
    }
}
