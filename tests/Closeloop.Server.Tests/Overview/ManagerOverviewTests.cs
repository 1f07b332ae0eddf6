using System.Net;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Overview;

/// <summary>The manager's overview: open orders counted by status, type and child unit, what is late or due soon, and the days behind.</summary>
public sealed class ManagerOverviewTests(Databases databases)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Monday 2 March 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, Beijing);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_overview_counts_open_orders_lists_the_late_and_the_due_soon_and_charts_the_days(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));

        // Monday: dispatched in time to the Jiangsu centre.
        var a = (await server.CreateAsync(Api.Consultation("周一 " + Api.Marker()))).Str("number");
        time.Advance(TimeSpan.FromMinutes(5));
        await server.ActOkAsync(a, "dispatch", new { unit = "js-csc" });
        // Tuesday: one dispatched a minute late to Nanjing, one left at the national centre until it runs late.
        time.SetUtcNow(Monday.AddDays(1).ToUniversalTime());
        var b = (await server.CreateAsync(Api.Consultation("周二 " + Api.Marker()))).Str("number");
        var c = (await server.CreateAsync(Api.Consultation("周二未派 " + Api.Marker()))).Str("number");
        time.Advance(TimeSpan.FromMinutes(21));
        await server.DrainClocksAsync();
        await server.ActOkAsync(b, "dispatch", new { unit = "js-nj", reason = "直派南京" });
        // Wednesday 10:00: a new one, due to be dispatched by 10:20.
        time.SetUtcNow(Monday.AddDays(2).ToUniversalTime());
        await server.DrainClocksAsync();
        var d = (await server.CreateAsync(Api.Consultation("周三 " + Api.Marker()))).Str("number");

        var root = await OverviewAsync(server.Client, "days=3");

        Assert.Equal(("sgcc", 4L), (root.Str("unit"), root.GetProperty("open").GetInt64()));
        Assert.Equal(4L, root.GetProperty("byType").GetProperty("consultation").GetInt64());
        Assert.Equal(4L, root.GetProperty("byStatus").EnumerateObject().Sum(s => s.Value.GetInt64()));
        var byUnit = root.GetProperty("byUnit").EnumerateArray().ToDictionary(u => u.Str("unit"), u => u.GetProperty("open").GetInt64());
        Assert.Equal((0L, 2L, 2L, 0L), (byUnit["sgcc"], byUnit["sgcc-csc"], byUnit["js"], byUnit["sgcc-mkt"]));
        Assert.Equal([c], Numbers(root, "overdue"));
        Assert.Equal([d], Numbers(root, "dueSoon"));
        Assert.Equal("consultationDispatch", root.GetProperty("dueSoon")[0].Str("clock"));
        var days = root.GetProperty("days").EnumerateArray()
            .Select(x => (x.Str("date"), x.GetProperty("accepted").GetInt32(), x.GetProperty("met").GetInt32(), x.GetProperty("breached").GetInt32()))
            .ToList();
        Assert.Equal([("2026-03-02", 1, 1, 0), ("2026-03-03", 2, 0, 1), ("2026-03-04", 1, 0, 0)], days);
        Assert.Equal(1.0, root.GetProperty("days")[0].GetProperty("onTimeRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("days")[2].GetProperty("onTimeRate").ValueKind);

        // A Jiangsu manager sees Jiangsu only, rolled up by its own children.
        var jiangsu = await server.SignInAsync("overview.js.manager", "js", "manager");
        var js = await OverviewAsync(jiangsu, "days=3");
        Assert.Equal(("js", 2L), (js.Str("unit"), js.GetProperty("open").GetInt64()));
        var jsUnits = js.GetProperty("byUnit").EnumerateArray().ToDictionary(u => u.Str("unit"), u => u.GetProperty("open").GetInt64());
        Assert.Equal((1L, 1L, 0L), (jsUnits["js-csc"], jsUnits["js-nj"], jsUnits["js-mkt"]));
        Assert.Empty(Numbers(js, "overdue"));
        Assert.Equal([1, 1, 0], js.GetProperty("days").EnumerateArray().Select(x => x.GetProperty("accepted").GetInt32()));
        Assert.Equal(30, (await OverviewAsync(jiangsu, "")).GetProperty("days").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_readers_of_reports_see_the_overview_and_only_of_their_subtree(string database)
    {
        var server = await databases.SharedAsync(database);
        var jiangsu = await server.SignInAsync("overview.js.reader", "js", "manager");
        var agent = await server.SignInAsync("overview.agent", "sgcc-csc", "agent");

        using var outside = await jiangsu.GetAsync("/api/work-orders/overview?unit=zj");
        using var unknown = await jiangsu.GetAsync("/api/work-orders/overview?unit=mars&days=0");
        using var notManager = await agent.GetAsync("/api/work-orders/overview");

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(["days", "unit"], (await TestServer.ReadJsonAsync(unknown)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, notManager.StatusCode);
    }

    private static async Task<JsonElement> OverviewAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/work-orders/overview?{query}");
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"overview answered {(int)response.StatusCode}: {json}");
        return json;
    }

    private static List<string> Numbers(JsonElement overview, string list) =>
        [.. overview.GetProperty(list).EnumerateArray().Select(o => o.Str("number"))];
}
