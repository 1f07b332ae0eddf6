using Closeloop.Org;
using Closeloop.Presets;
using Closeloop.WorkOrders;

namespace Closeloop.Tests.WorkOrders;

/// <summary>The national closed-loop lifecycle and a small org tree, written out as the sgcc-95598 preset has them.</summary>
internal static class TestRules
{
    public static readonly Lifecycle ClosedLoop = new(
        "closed-loop",
        "accepted",
        ["archived"],
        [.. new[] { "accepted", "dispatched", "inProgress", "handled", "reviewed", "replied", "resolved", "archived" }.Select(s => new CodedLabel(s, new Label(s, s)))],
        [
            new("resolve", "accepted", "resolved", ActionNeeds.Comment, false),
            new("dispatch", "accepted", "dispatched", ActionNeeds.Unit, false),
            new("receive", "dispatched", "inProgress", ActionNeeds.None, false),
            new("return", "dispatched", "accepted", ActionNeeds.Reason, true),
            new("forward", "inProgress", "dispatched", ActionNeeds.Unit, false, WithinReach: true),
            new("return", "inProgress", "accepted", ActionNeeds.Reason, true),
            new("assign", "inProgress", "inProgress", ActionNeeds.Assignee, false),
            new("handle", "inProgress", "handled", ActionNeeds.Comment, false),
            new("review", "handled", "reviewed", ActionNeeds.None, false, PassUp: "handled"),
            new("reject", "handled", "inProgress", ActionNeeds.Reason, false, BackDown: true),
            new("reply", "reviewed", "replied", ActionNeeds.Comment, false),
            new("archive", "replied", "archived", ActionNeeds.None, false),
            new("archive", "resolved", "archived", ActionNeeds.None, false),
        ]);

    /// <summary>A national centre, two provinces with their own centres, and a city and county with departments.</summary>
    public static readonly OrgTree Org = new(
    [
        new OrgUnit("hq", null, OrgUnitKind.Headquarters, new Label("总部", "HQ"), []),
        new OrgUnit("csc", "hq", OrgUnitKind.ServiceCentre, new Label("客服中心", "Service centre"), []),
        new OrgUnit("js", "hq", OrgUnitKind.Province, new Label("江苏", "Jiangsu"), ["320000"]),
        new OrgUnit("js-csc", "js", OrgUnitKind.ServiceCentre, new Label("江苏客服中心", "Jiangsu service centre"), []),
        new OrgUnit("js-nj", "js", OrgUnitKind.City, new Label("南京", "Nanjing"), ["320100"]),
        new OrgUnit("js-nj-mkt", "js-nj", OrgUnitKind.Department, new Label("南京营销部", "Nanjing marketing"), []),
        new OrgUnit("js-nj-jn", "js-nj", OrgUnitKind.County, new Label("江宁", "Jiangning"), ["320115"]),
        new OrgUnit("js-nj-jn-mkt", "js-nj-jn", OrgUnitKind.Department, new Label("江宁营销部", "Jiangning marketing"), []),
        new OrgUnit("js-nj-jn-om", "js-nj-jn", OrgUnitKind.Department, new Label("江宁运检部", "Jiangning O&M"), []),
        new OrgUnit("js-nj-jn-crew1", "js-nj-jn", OrgUnitKind.Crew, new Label("江宁抢修一班", "Jiangning crew 1"), []),
        new OrgUnit("zj", "hq", OrgUnitKind.Province, new Label("浙江", "Zhejiang"), ["330000"]),
        new OrgUnit("zj-csc", "zj", OrgUnitKind.ServiceCentre, new Label("浙江客服中心", "Zhejiang service centre"), []),
    ]);

    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 1, 30, 0, TimeSpan.Zero);

    public static WorkOrder NewOrder(out WorkOrderEvent accepted, Lifecycle? lifecycle = null)
    {
        var intake = new WorkOrderIntake(
            "20261123000001", "consultation", null, Channel.Phone,
            new Customer("王小明", PhoneNumber.Parse("13812345678"), "3201150001", "江苏省南京市江宁区天元中路88号", "320115", "resident"),
            "咨询峰谷电价", null, "csc", "sgcc-95598@2026.1#test");
        (var order, accepted) = WorkOrder.Accept(Guid.CreateVersion7(Monday), intake, lifecycle ?? ClosedLoop, "agent.wang", Monday);
        return order;
    }
}
