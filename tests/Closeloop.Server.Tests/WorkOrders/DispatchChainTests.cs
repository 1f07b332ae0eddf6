using System.Net;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.WorkOrders;

/// <summary>
/// The 95598 chain over HTTP on both databases: the national centre dispatches as routing suggests,
/// the province forwards, the county handles, and the answer climbs back up one approval at a time.
/// </summary>
public sealed class DispatchChainTests(Databases databases)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    // Monday 2 March 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, Beijing);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_consultation_goes_down_three_units_and_back_up_through_every_review_to_the_archive(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var agent = await server.SignInAsync("agent.wang", "sgcc-csc", "agent");
        var province = await server.SignInAsync("province.zhou", "js-csc", "dispatcher");
        var county = await server.SignInAsync("county.li", "js-nj-jn-mkt", "dispatcher");
        var handler = await server.SignInAsync("handler.chen", "js-nj-jn-mkt", "handler");
        var countyReviewer = await server.SignInAsync("county.reviewer", "js-nj-jn", "reviewer");
        var provinceReviewer = await server.SignInAsync("province.reviewer", "js-csc", "reviewer");
        var created = await agent.CreateAsync(Api.Consultation("为什么本月电费比上月高"));
        var id = created.Str("id");
        Assert.Equal(("js-csc", "provinceCentre"), Suggested(created));
        Assert.Equal("国网江苏省电力有限公司客户服务中心", created.GetProperty("suggestion").GetProperty("unitName").Str("zh"));

        await ActAsync(agent, time, id, "dispatch", new { unit = "js-csc" });
        var received = await ActAsync(province, time, id, "receive", new { });
        Assert.Equal(("js-nj-jn-mkt", "jsAreaMarketing"), Suggested(received));
        await ActAsync(province, time, id, "forward", new { unit = "js-nj-jn-mkt" });
        await ActAsync(county, time, id, "receive", new { });
        var assigned = await ActAsync(county, time, id, "assign", new { assignee = "handler.chen" });
        Assert.Equal("handler.chen", assigned.Str("assignee"));
        Assert.Equal(JsonValueKind.Null, assigned.GetProperty("suggestion").ValueKind);
        Assert.Equal("js-nj-jn-mkt", Clock(assigned, "consultationHandling").Str("countedBy"));
        await ActAsync(handler, time, id, "handle", new { comment = "冬季用电高峰，电量增加属实。" });
        var countyApproved = await ActAsync(countyReviewer, time, id, "review", new { });
        Assert.Equal(("handled", "js-csc"), (countyApproved.Str("status"), countyApproved.Str("responsibleUnit")));
        Assert.False(Clock(countyApproved, "consultationHandling").GetProperty("stopped").GetBoolean());
        using (var notTheCountysAnyMore = await countyReviewer.ActAsync(id, "review", new { }))
            Assert.Equal(HttpStatusCode.Forbidden, notTheCountysAnyMore.StatusCode);
        var sentBack = await ActAsync(provinceReviewer, time, id, "reject", new { reason = "未附抄表记录" });
        Assert.Equal(("inProgress", "js-nj-jn-mkt"), (sentBack.Str("status"), sentBack.Str("responsibleUnit")));
        await ActAsync(handler, time, id, "handle", new { comment = "已附抄表记录。" });
        await ActAsync(countyReviewer, time, id, "review", new { });
        var reviewed = await ActAsync(provinceReviewer, time, id, "review", new { });
        Assert.Equal(("reviewed", "sgcc-csc"), (reviewed.Str("status"), reviewed.Str("responsibleUnit")));
        await ActAsync(agent, time, id, "reply", new { comment = "已向客户解释。" });
        await ActAsync(agent, time, id, "callback", new { comment = "客户满意" });
        await ActAsync(agent, time, id, "archive", new { });

        var order = await server.GetOrderAsync(id);
        Assert.Equal(
            [
                ("accept", "accepted", null, "sgcc-csc", "agent.wang", null),
                ("dispatch", "dispatched", "sgcc-csc", "js-csc", "agent.wang", null),
                ("receive", "inProgress", null, "js-csc", "province.zhou", null),
                ("forward", "dispatched", "js-csc", "js-nj-jn-mkt", "province.zhou", null),
                ("receive", "inProgress", null, "js-nj-jn-mkt", "county.li", null),
                ("assign", "inProgress", null, "js-nj-jn-mkt", "county.li", null),
                ("handle", "handled", null, "js-nj-jn-mkt", "handler.chen", null),
                ("review", "handled", "js-nj-jn-mkt", "js-csc", "county.reviewer", null),
                ("reject", "inProgress", "js-csc", "js-nj-jn-mkt", "province.reviewer", "未附抄表记录"),
                ("handle", "handled", null, "js-nj-jn-mkt", "handler.chen", null),
                ("review", "handled", "js-nj-jn-mkt", "js-csc", "county.reviewer", null),
                ("review", "reviewed", "js-csc", "sgcc-csc", "province.reviewer", null),
                ("reply", "replied", null, "sgcc-csc", "agent.wang", null),
                ("callback", "calledBack", null, "sgcc-csc", "agent.wang", null),
                ("archive", "archived", null, "sgcc-csc", "agent.wang", null),
            ],
            order.GetProperty("history").EnumerateArray().Select(e => (
                e.Str("action"), e.Str("toStatus"), e.GetProperty("fromUnit").GetString(), e.Str("responsibleUnit"), e.Str("actor"),
                e.GetProperty("reason").GetString())));
        var dispatched = order.GetProperty("history")[1];
        Assert.Equal(("js-csc", "provinceCentre", false), (dispatched.Str("suggestedUnit"), dispatched.Str("suggestionRule"), dispatched.GetProperty("overrodeSuggestion").GetBoolean()));

        // Each hop's clocks: dispatch met at the centre; handling runs through both hops and the send-back and
        // stops only when the province's approval lands the answer at the centre, which starts the reply clock.
        var finalReview = Monday + (11 * Step);
        var dispatchClock = Clock(order, "consultationDispatch");
        Assert.Equal(("sgcc-csc", Monday + Step), (dispatchClock.Str("countedBy"), dispatchClock.GetProperty("stoppedAt").GetDateTimeOffset()));
        var handling = Clock(order, "consultationHandling");
        Assert.Equal(("js-csc", finalReview), (handling.Str("countedBy"), handling.GetProperty("stoppedAt").GetDateTimeOffset()));
        var reply = Assert.Single(order.GetProperty("clocks").EnumerateArray(), c => c.Str("policy") == "consultationReply");
        Assert.Equal((1, "sgcc-csc", finalReview, finalReview + Step), (
            reply.GetProperty("instance").GetInt32(), reply.Str("countedBy"), reply.GetProperty("startedAt").GetDateTimeOffset(),
            reply.GetProperty("stoppedAt").GetDateTimeOffset()));
        Assert.All(order.GetProperty("clocks").EnumerateArray(), c => Assert.True(c.GetProperty("stopped").GetBoolean()));

        await AssertStoredRowIsItsHistoryAsync(server, Guid.Parse(id));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Dispatching_elsewhere_than_suggested_without_a_reason_is_refused_naming_reason_and_writes_nothing(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("override " + Api.Marker()))).Str("id");

        using var refused = await server.ActAsync(id, "dispatch", new { unit = "zj-csc" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await TestServer.ReadJsonAsync(refused);
        Assert.Contains("js-csc", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        var unchanged = await server.GetOrderAsync(id);
        Assert.Equal((1, "accepted"), (unchanged.GetProperty("version").GetInt32(), unchanged.Str("status")));
        Assert.Empty(await server.QueryAsync(db => db.Clocks.Where(c => c.WorkOrderId == Guid.Parse(id) && c.StoppedAt != null).ToListAsync()));

        var overridden = await server.ActOkAsync(id, "dispatch", new { unit = "zj-csc", reason = "客户实际用电地址在杭州" });
        var e = overridden.GetProperty("history")[1];
        Assert.Equal(("js-csc", true, "客户实际用电地址在杭州"), (e.Str("suggestedUnit"), e.GetProperty("overrodeSuggestion").GetBoolean(), e.Str("reason")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_province_forwarding_elsewhere_than_suggested_needs_a_reason_and_only_inside_its_company(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("forward " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(id, "receive", new { });

        using var noReason = await server.ActAsync(id, "forward", new { unit = "js-nj-jn-om" });
        using var outside = await server.ActAsync(id, "forward", new { unit = "zj-hz-mkt", reason = "试试" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("zj-hz-mkt", (await TestServer.ReadJsonAsync(outside)).GetProperty("errors").GetProperty("unit")[0].GetString());
        Assert.Equal(3, (await server.GetOrderAsync(id)).GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Province_forwards_to_a_county_and_the_return_lands_back_in_progress(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("return " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(id, "receive", new { });
        await server.ActOkAsync(id, "forward", new { unit = "js-nj-jn-mkt" });

        var fromCounty = await server.ActOkAsync(id, "return", new { reason = "客户地址在溧水" });

        Assert.Equal(("inProgress", "js-csc"), (fromCounty.Str("status"), fromCounty.Str("responsibleUnit")));
        Assert.Contains("forward", fromCounty.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        await server.ActOkAsync(id, "forward", new { unit = "js-nj-ls-mkt", reason = "客户地址在溧水" });
        await server.ActOkAsync(id, "receive", new { });

        var afterReceipt = await server.ActOkAsync(id, "return", new { reason = "属运检专业" });
        Assert.Equal(("inProgress", "js-csc"), (afterReceipt.Str("status"), afterReceipt.Str("responsibleUnit")));
        var fromProvince = await server.ActOkAsync(id, "return", new { reason = "客户在浙江" });
        Assert.Equal(("accepted", "sgcc-csc"), (fromProvince.Str("status"), fromProvince.Str("responsibleUnit")));
        Assert.Equal(["resolve", "dispatch"], fromProvince.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(("js-csc", "provinceCentre"), Suggested(fromProvince));
        var returns = fromProvince.GetProperty("history").EnumerateArray().Where(e => e.Str("action") == "return")
            .Select(e => (e.Str("fromUnit"), e.Str("responsibleUnit"), e.Str("reason")));
        Assert.Equal([("js-nj-jn-mkt", "js-csc", "客户地址在溧水"), ("js-nj-ls-mkt", "js-csc", "属运检专业"), ("js-csc", "sgcc-csc", "客户在浙江")], returns);
        await AssertStoredRowIsItsHistoryAsync(server, Guid.Parse(id));
    }

    private static async Task<JsonElement> ActAsync(HttpClient person, FakeTimeProvider time, string id, string action, object body)
    {
        time.Advance(Step);
        return await person.ActOkAsync(id, action, body);
    }

    private static async Task AssertStoredRowIsItsHistoryAsync(TestServer server, Guid id)
    {
        var (stored, history) = await server.QueryAsync(async db => (
            await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == id),
            await db.WorkOrderEvents.AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.Sequence).ToListAsync()));
        Assert.Equivalent(stored, WorkOrder.Replay(history), strict: true);
    }

    private static (string? Unit, string? Rule) Suggested(JsonElement order) =>
        order.GetProperty("suggestion") is { ValueKind: JsonValueKind.Object } s ? (s.Str("unit"), s.Str("rule")) : (null, null);

    private static JsonElement Clock(JsonElement order, string policy) =>
        order.GetProperty("clocks").EnumerateArray().Single(c => c.Str("policy") == policy);
}
