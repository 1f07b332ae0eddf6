using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class OversightTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_supervisor_urges_and_supervises_an_order_of_the_subtree_and_the_handling_unit_is_told(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var supervisor = await server.SignInAsync("oversee.js.supervisor", "js", "supervisor");
        var id = (await server.CreateAsync(Api.Consultation("催办督办 " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });

        using var noReason = await supervisor.PostAsJsonAsync($"/api/work-orders/{id}/urge", new { });
        var urged = await Ok(await supervisor.PostAsJsonAsync($"/api/work-orders/{id}/urge", new { reason = "客户第三次来电，请尽快处理" }));
        await Ok(await supervisor.PostAsJsonAsync($"/api/work-orders/{id}/urge", new { reason = "仍未处理" }));
        var supervised = await Ok(await supervisor.PostAsJsonAsync($"/api/work-orders/{id}/supervise", new { reason = "重复投诉风险" }));
        using var twice = await supervisor.PostAsJsonAsync($"/api/work-orders/{id}/supervise", new { reason = "再次督办" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal((1, "dispatched"), (urged.GetProperty("urges").GetInt32(), urged.Str("status")));
        Assert.Equal(2, supervised.GetProperty("urges").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, supervised.GetProperty("supervisedAt").ValueKind);
        Assert.Equal("action", Assert.Single((await TestServer.ReadJsonAsync(twice)).GetProperty("errors").EnumerateObject()).Name);
        var steps = supervised.GetProperty("history").EnumerateArray().Skip(2).Select(e => (e.Str("action"), e.Str("actor"), e.Str("reason"))).ToList();
        Assert.Equal(
            [("urge", "oversee.js.supervisor", "客户第三次来电，请尽快处理"), ("urge", "oversee.js.supervisor", "仍未处理"), ("supervise", "oversee.js.supervisor", "重复投诉风险")],
            steps);

        await server.DeliverOutboxAsync();
        var inbox = await server.InboxAsync("js-csc", pending: false);
        Assert.Equal(["workOrder.supervise", "workOrder.urge", "workOrder.urge"], inbox.Select(m => m.Str("topic")).Order(StringComparer.Ordinal));
        Assert.Contains(inbox, m => m.GetProperty("subject").Str("zh").Contains("被督办：重复投诉风险", StringComparison.Ordinal));

        var listed = await supervisor.GetFromJsonAsync<JsonElement>("/api/work-orders?urged=true&supervised=true");
        Assert.Equal([id], listed.GetProperty("items").EnumerateArray().Select(o => o.Str("id")));
        var report = await supervisor.GetFromJsonAsync<JsonElement>("/api/work-orders/oversight");
        var row = Assert.Single(report.EnumerateArray());
        Assert.Equal(("js-csc", 1, 2, 1, 1), (row.Str("unit"), row.GetProperty("urgedOrders").GetInt32(), row.GetProperty("urges").GetInt32(),
            row.GetProperty("supervisedOrders").GetInt32(), row.GetProperty("stillOpen").GetInt32()));
        var (stored, history) = await server.QueryAsync(async db => (
            await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(id)),
            await db.WorkOrderEvents.AsNoTracking().Where(e => e.WorkOrderId == Guid.Parse(id)).OrderBy(e => e.Sequence).ToListAsync()));
        Assert.Equivalent(stored, WorkOrder.Replay(history), strict: true);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_a_supervisor_of_the_subtree_urges_and_a_closed_order_is_past_urging(string database)
    {
        var server = await databases.SharedAsync(database);
        var zhejiang = await server.SignInAsync("oversee.zj.supervisor", "zj", "supervisor");
        var agent = await server.SignInAsync("oversee.agent", "sgcc-csc", "agent");
        var open = (await server.CreateAsync(Api.Consultation("江苏的单 " + Api.Marker()))).Str("id");
        await server.ActOkAsync(open, "dispatch", new { unit = "js-csc" });
        var closed = (await server.CreateAsync(Api.Consultation("已办结 " + Api.Marker()))).Str("id");
        await server.ActOkAsync(closed, "resolve", new { comment = "已答复" });
        await server.ActOkAsync(closed, "archive", new { });

        using var outside = await zhejiang.PostAsJsonAsync($"/api/work-orders/{open}/urge", new { reason = "试试" });
        using var notSupervisor = await agent.PostAsJsonAsync($"/api/work-orders/{open}/urge", new { reason = "试试" });
        using var archived = await server.Client.PostAsJsonAsync($"/api/work-orders/{closed}/urge", new { reason = "太晚了" });

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notSupervisor.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, archived.StatusCode);
        Assert.Equal(0, (await server.GetOrderAsync(open)).GetProperty("urges").GetInt32());
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        using (response)
        {
            var json = await TestServer.ReadJsonAsync(response);
            Assert.True(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}: {json}");
            return json;
        }
    }
}
