using Closeloop.Calendar;
using Closeloop.Presets;
using Closeloop.WorkOrders;

namespace Closeloop.Tests.WorkOrders;

public sealed class WorkOrderLifecycleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly string[] DownTheTree = ["js-csc", "js-nj-jn-mkt", "js-nj-jn-om", "zj-csc"];

    [Fact]
    public void Each_action_of_the_table_moves_the_order_and_records_who_did_it()
    {
        var order = TestRules.NewOrder(out _);
        var at = TestRules.Monday;
        var steps = new (WorkOrderAction Action, string Status)[]
        {
            (new("dispatch", "agent.wang", Unit: "js"), "dispatched"),
            (new("receive", "dispatcher.js"), "inProgress"),
            (new("handle", "handler.js", Comment: "已核实"), "handled"),
            (new("review", "reviewer.js"), "reviewed"),
            (new("reply", "agent.wang", Comment: "已答复客户"), "replied"),
            (new("archive", "agent.wang"), "archived"),
        };

        foreach (var (action, status) in steps)
        {
            at += Minute;
            var recorded = order.Perform(action, TestRules.ClosedLoop, TestRules.Org, at).Recorded!;
            Assert.Equal((action.Action, action.Actor, status, at), (recorded.Action, recorded.Actor, recorded.ToStatus, recorded.At));
            Assert.Equal(status, order.Status);
        }
        Assert.Equal(7, order.Version);
        Assert.Equal(at, order.ClosedAt);
    }

    [Fact]
    public void An_action_the_table_does_not_allow_now_is_refused_with_the_allowed_ones_and_changes_nothing()
    {
        var order = TestRules.NewOrder(out _);

        var refusal = Assert.IsType<ActionRefusal.NotAllowedNow>(order.Perform(new("review", "x"), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday).Refusal);

        Assert.Equal(["resolve", "dispatch"], refusal.Allowed);
        Assert.Equal(("accepted", 1), (order.Status, order.Version));
    }

    [Theory]
    [InlineData("dispatch", null, "unit")]
    [InlineData("resolve", null, "comment")]
    public void An_action_missing_what_its_row_needs_is_refused_naming_the_field(string action, string? unit, string field)
    {
        var order = TestRules.NewOrder(out _);

        var refusal = Assert.IsType<ActionRefusal.InvalidField>(order.Perform(new(action, "x", Unit: unit), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday).Refusal);

        Assert.Equal(field, refusal.Field);
        Assert.Equal(1, order.Version);
    }

    [Fact]
    public void An_order_is_not_dispatched_back_to_a_unit_it_has_already_passed()
    {
        var order = TestRules.NewOrder(out _);

        var refusal = order.Perform(new("dispatch", "x", Unit: "csc"), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday).Refusal;

        Assert.Equal("unit", Assert.IsType<ActionRefusal.InvalidField>(refusal).Field);
    }

    [Fact]
    public void A_return_hands_the_order_back_to_the_unit_that_sent_it()
    {
        var order = TestRules.NewOrder(out _);
        order.Perform(new("dispatch", "agent", Unit: "js-nj-jn"), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday);

        var returned = order.Perform(new("return", "county", Reason: "地址不在本县"), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday + Minute).Recorded!;

        Assert.Equal("地址不在本县", returned.Reason);
        Assert.Equal(("accepted", "csc"), (order.Status, order.ResponsibleUnit));
        Assert.Equal(["csc"], order.Route);
    }

    [Fact]
    public void A_lifecycle_whose_initial_status_is_final_closes_the_order_at_acceptance()
    {
        var acknowledgement = new Lifecycle("acknowledgement", "archived", ["archived"], [new("archived", new("已归档", "Archived"))], []);

        var order = TestRules.NewOrder(out var accepted, acknowledgement);

        Assert.Equal("archived", order.Status);
        Assert.Equal(accepted.At, order.ClosedAt);
        Assert.Empty(order.AllowedActions(acknowledgement));
    }

    [Fact]
    public void Only_a_step_with_a_window_may_reopen_a_closed_order_and_a_window_is_only_for_such_a_step()
    {
        IReadOnlyList<CodedLabel> statuses = [new("open", new("处理中", "Open")), new("closed", new("已办结", "Closed"))];
        var window = new Period(3, DeadlineUnit.NaturalDays);
        Transition close = new("close", "open", "closed", ActionNeeds.None, false);

        var reopening = new Lifecycle("appealable", "open", ["closed"], statuses, [close, new("appeal", "closed", "open", ActionNeeds.Reason, false, Window: window)]);

        Assert.NotNull(reopening.Find("appeal", "closed"));
        Assert.Contains("without a window", Assert.Throws<ArgumentException>(() =>
            new Lifecycle("x", "open", ["closed"], statuses, [close, new("appeal", "closed", "open", ActionNeeds.None, false)])).Message, StringComparison.Ordinal);
        Assert.Contains("not final", Assert.Throws<ArgumentException>(() =>
            new Lifecycle("x", "open", ["closed"], statuses, [close with { Window = window }])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_any_history_rebuilds_the_same_order()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 200; run++)
        {
            var order = TestRules.NewOrder(out var accepted);
            var history = new List<WorkOrderEvent> { accepted };
            var at = TestRules.Monday;
            for (var step = 0; step < 12; step++)
            {
                var allowed = order.AllowedActions(TestRules.ClosedLoop);
                if (allowed.Count == 0)
                    break;
                var action = allowed[random.Next(allowed.Count)];
                at += TimeSpan.FromMinutes(random.Next(1, 600));
                var unit = DownTheTree.FirstOrDefault(u => !order.Route.Contains(u));
                var outcome = order.Perform(new(action, $"user{step}", Unit: unit, Reason: "原因", Comment: "意见", Assignee: "handler.li"), TestRules.ClosedLoop, TestRules.Org, at);
                if (outcome.Recorded is { } recorded)
                    history.Add(recorded);
            }

            Assert.Equivalent(order, WorkOrder.Replay(history), strict: true);
        }
    }

    [Fact]
    public void A_history_with_a_missing_step_is_refused()
    {
        var order = TestRules.NewOrder(out var accepted);
        var dispatched = order.Perform(new("dispatch", "a", Unit: "js"), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday).Recorded!;
        order.Perform(new("receive", "b"), TestRules.ClosedLoop, TestRules.Org, TestRules.Monday);

        Assert.Throws<ArgumentException>(() => WorkOrder.Replay([accepted, dispatched with { Sequence = 3 }]));
        Assert.Throws<ArgumentException>(() => WorkOrder.Replay([]));
    }
}
