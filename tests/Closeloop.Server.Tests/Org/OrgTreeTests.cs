using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Org;

/// <summary>The org tree changed at runtime through /api/org, with orders accepted before and after each change.</summary>
public sealed class OrgTreeTests(Databases databases)
{
    // Monday 2 March 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_tree_lists_every_unit_with_its_place_rules_and_who_made_it_current(string database)
    {
        await using var server = await databases.StartFreshAsync(database);

        var (tree, etag) = await server.TreeAsync();

        Assert.Equal($"\"{tree.Str("ruleVersion")}\"", etag);
        Assert.Equal("preset", tree.Str("changedBy"));
        var units = tree.GetProperty("units").EnumerateArray().ToDictionary(u => u.Str("code"));
        var county = units["js-nj-jn"];
        Assert.Equal("js-nj", county.Str("parent"));
        Assert.Equal("county", county.Str("kind"));
        Assert.Equal("国网南京市江宁区供电公司", county.GetProperty("name").Str("zh"));
        Assert.Equal(["320115"], county.GetProperty("areaCodes").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["sgcc", "js", "js-nj", "js-nj-jn"], county.GetProperty("path").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("js-nj-jn-crew1", county.GetProperty("children").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("cn", county.Str("calendar"));
        Assert.Equal(90, county.GetProperty("rules").GetProperty("clocks").GetProperty("repairArrival").GetProperty("amount").GetInt32());
        Assert.Equal("17:30", units["js-nj-jn-hall1"].GetProperty("officeHours")[0].Str("to"));
        Assert.Equal(JsonValueKind.Null, units["sgcc"].GetProperty("parent").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_created_unit_takes_new_orders_under_a_new_rule_version(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var before = await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker()));

        var created = await server.OrgOkAsync(HttpMethod.Post, "/units", OrgAdmin.Change(new
        {
            code = "js-nj-pk",
            parent = "js-nj",
            kind = "county",
            name = new { zh = "国网南京市浦口区供电公司", en = "State Grid Nanjing Pukou Power Supply Company" },
            areaCodes = new List<string> { "320111" },
            clocks = new { repairArrival = new { amount = 90 } },
        }));

        Assert.True(created.GetProperty("changed").GetBoolean());
        Assert.Equal(["js-nj-pk"], created.GetProperty("diff").GetProperty("added").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["sgcc", "js", "js-nj", "js-nj-pk"], created.GetProperty("unit").GetProperty("path").EnumerateArray().Select(a => a.GetString()));
        var ruleVersion = created.Str("ruleVersion");
        Assert.NotEqual(before.Str("ruleVersion"), ruleVersion);
        var (tree, _) = await server.TreeAsync();
        Assert.Equal(ruleVersion, tree.Str("ruleVersion"));
        Assert.Equal((TestServer.Tester, "org change of 2026"), (tree.Str("changedBy"), tree.Str("reason")));

        var after = await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker(), acceptingUnit: "js-nj-pk"));
        Assert.Equal(ruleVersion, after.Str("ruleVersion"));
        Assert.Equal(before.Str("ruleVersion"), (await server.GetOrderAsync(before.Str("number"))).Str("ruleVersion"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Moving_a_county_keeps_its_orders_history(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var number = (await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker()))).Str("number");
        await server.ActOkAsync(number, "dispatch", new { unit = "js-nj-jn", reason = "直派" });
        var before = await server.GetOrderAsync(number);

        var moved = await server.OrgOkAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-sz" }));

        var move = moved.GetProperty("diff").GetProperty("moved").EnumerateArray().Single();
        Assert.Equal(("js-nj-jn", "js-nj", "js-sz"), (move.Str("code"), move.Str("from"), move.Str("to")));
        Assert.Equal(["sgcc", "js", "js-sz", "js-nj-jn"], (await server.UnitAsync("js-nj-jn")).GetProperty("path").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["sgcc", "js", "js-sz", "js-nj-jn", "js-nj-jn-crew1"], (await server.UnitAsync("js-nj-jn-crew1")).GetProperty("path").EnumerateArray().Select(a => a.GetString()));

        // The order keeps its unit, its rule version and every step of its history; the subtree it now lies in lists it.
        var after = await server.GetOrderAsync(number);
        Assert.Equal(("js-nj-jn", before.Str("ruleVersion")), (after.Str("responsibleUnit"), after.Str("ruleVersion")));
        Assert.Equal(before.GetProperty("history").GetRawText(), after.GetProperty("history").GetRawText());
        Assert.Contains(number, await NumbersAsync(server, "unit=js-sz&subtree=true"));
        Assert.DoesNotContain(number, await NumbersAsync(server, "unit=js-nj&subtree=true"));
        await server.ActOkAsync(number, "receive", new { });

        // A new order is accepted under the moved tree.
        var next = await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker()));
        Assert.Equal(moved.Str("ruleVersion"), next.Str("ruleVersion"));
        await server.ActOkAsync(next.Str("number"), "dispatch", new { unit = "js-nj-jn", reason = "直派" });
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Tightening_a_county_clock_applies_to_orders_accepted_after_it(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var earlier = (await server.CreateAsync(Api.FaultRepair())).Str("number");
        await server.ActOkAsync(earlier, "dispatch", new { unit = "js-nj-jn", reason = "直派", grade = "urgent" });

        var updated = await server.OrgOkAsync(HttpMethod.Put, "/units/js-nj-jn", OrgAdmin.Change(new
        {
            kind = "county",
            name = new { zh = "国网南京市江宁区供电公司", en = "State Grid Nanjing Jiangning Power Supply Company" },
            areaCodes = new List<string> { "320115" },
            officeHours = new[] { new { from = "08:00", to = "18:00" } },
            clocks = new { repairArrival = new { amount = 60 } },
        }));
        Assert.Equal([new { Code = "js-nj-jn", Fields = "rules" }], updated.GetProperty("diff").GetProperty("changed").EnumerateArray()
            .Select(c => new { Code = c.Str("code"), Fields = string.Join(',', c.GetProperty("fields").EnumerateArray().Select(f => f.GetString())) }));
        var unit = updated.GetProperty("unit");
        Assert.Equal("18:00", unit.GetProperty("officeHours")[0].Str("to"));
        Assert.Equal(60, unit.GetProperty("rules").GetProperty("clocks").GetProperty("repairArrival").GetProperty("amount").GetInt32());

        var later = (await server.CreateAsync(Api.FaultRepair())).Str("number");
        await server.ActOkAsync(later, "dispatch", new { unit = "js-nj-jn", reason = "直派", grade = "urgent" });

        Assert.Equal("2026-03-02T11:30:00+08:00", Clock(await server.GetOrderAsync(earlier), "repairArrival").Str("due"));
        Assert.Equal("2026-03-02T11:00:00+08:00", Clock(await server.GetOrderAsync(later), "repairArrival").Str("due"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_a_unit_with_no_children_and_no_open_orders_is_removed(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var number = (await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker()))).Str("number");
        await server.ActOkAsync(number, "dispatch", new { unit = "js-nj-ls-hall1", reason = "直派" });
        var stored = await server.StoredAsync();

        using (var parent = await server.OrgAsync(HttpMethod.Delete, "/units/js-nj-ls?reason=merged"))
        {
            Assert.Equal(HttpStatusCode.Conflict, parent.StatusCode);
            Assert.Contains("js-nj-ls-crew1", (await TestServer.ReadJsonAsync(parent)).GetProperty("children").GetRawText(), StringComparison.Ordinal);
        }
        using (var busy = await server.OrgAsync(HttpMethod.Delete, "/units/js-nj-ls-hall1?reason=closed"))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Equal(1, (await TestServer.ReadJsonAsync(busy)).GetProperty("openWorkOrders").GetInt32());
        }
        using (var intake = await server.OrgAsync(HttpMethod.Delete, "/units/sgcc-csc?reason=closed"))
            Assert.Equal(HttpStatusCode.Conflict, intake.StatusCode);
        Assert.Equal(stored, await server.StoredAsync());

        var removed = await server.OrgOkAsync(HttpMethod.Delete, "/units/js-nj-ls-crew1?reason=merged%20into%20crew%202");
        Assert.Equal(["js-nj-ls-crew1"], removed.GetProperty("diff").GetProperty("removed").EnumerateArray().Select(a => a.GetString()));
        using var gone = await server.Client.GetAsync("/api/org/units/js-nj-ls-crew1");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // The order at the hall goes on.
        await server.ActOkAsync(number, "receive", new { });
        Assert.Equal("js-nj-ls-hall1", (await server.GetOrderAsync(number)).Str("responsibleUnit"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_made_on_an_older_version_is_refused(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var etag = await server.ETagAsync();
        await server.OrgOkAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-sz" }));
        var stored = await server.StoredAsync();

        using var stale = await server.OrgAsync(HttpMethod.Post, "/units/js-nj-ls/move", OrgAdmin.Change(new { parent = "js-sz" }), ifMatch: etag);
        using var missing = await server.OrgAsync(HttpMethod.Post, "/units/js-nj-ls/move", OrgAdmin.Change(new { parent = "js-sz" }), ifMatch: "");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(stored, await server.StoredAsync());
        Assert.Equal("js-nj", (await server.UnitAsync("js-nj-ls")).Str("parent"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_that_changes_nothing_stores_no_version(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var stored = await server.StoredAsync();

        var same = await server.OrgOkAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-nj" }));

        Assert.False(same.GetProperty("changed").GetBoolean());
        Assert.Equal(stored, await server.StoredAsync());
    }

    private static JsonElement Clock(JsonElement order, string policy) =>
        order.GetProperty("clocks").EnumerateArray().Single(c => c.Str("policy") == policy);

    private static async Task<List<string>> NumbersAsync(TestServer server, string query)
    {
        var page = await server.Client.GetFromJsonAsync<JsonElement>($"/api/work-orders?{query}&limit=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(o => o.Str("number"))];
    }
}
