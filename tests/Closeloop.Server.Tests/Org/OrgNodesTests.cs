using System.Net;
using System.Net.Http.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Org;

/// <summary>A changed org tree across server nodes and restarts: the database says which rule version is current.</summary>
public sealed class OrgNodesTests(Databases databases) : IDisposable
{
    private static readonly object Pukou = OrgAdmin.Change(new
    {
        code = "js-nj-pk",
        parent = "js-nj",
        kind = "county",
        name = new { zh = "国网南京市浦口区供电公司", en = "State Grid Nanjing Pukou Power Supply Company" },
    });

    private readonly string _presets = PresetsCopy.Make();

    [Fact]
    public async Task Two_nodes_on_one_postgresql_both_take_new_orders_under_a_change_made_on_one()
    {
        var connectionString = await databases.NewDatabaseAsync(Databases.Postgres);
        await using var first = await StartAsync(Databases.Postgres, connectionString);
        await using var second = await StartAsync(Databases.Postgres, connectionString);

        var created = await first.OrgOkAsync(HttpMethod.Post, "/units", Pukou);

        // The second node hears of it from its own periodic check, not from a request to /api/org.
        var order = await EventuallyAcceptedAsync(second, Api.Consultation("咨询 " + Api.Marker(), acceptingUnit: "js-nj-pk"));
        Assert.Equal(created.Str("ruleVersion"), order.Str("ruleVersion"));
        Assert.Equal(created.Str("ruleVersion"), (await first.CreateAsync(Api.Consultation("咨询 " + Api.Marker(), acceptingUnit: "js-nj-pk"))).Str("ruleVersion"));
    }

    [Fact]
    public async Task Two_nodes_changing_the_same_version_at_once_store_one_change()
    {
        var connectionString = await databases.NewDatabaseAsync(Databases.Postgres);
        await using var first = await StartAsync(Databases.Postgres, connectionString);
        await using var second = await StartAsync(Databases.Postgres, connectionString);
        var etag = await first.ETagAsync();
        var stored = await first.StoredAsync();

        var answers = await Task.WhenAll(
            first.OrgAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-sz" }), ifMatch: etag),
            second.OrgAsync(HttpMethod.Post, "/units/js-nj-ls/move", OrgAdmin.Change(new { parent = "js-sz" }), ifMatch: etag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        Assert.Equal((stored.Versions + 1, stored.Changes + 1), await first.StoredAsync());
        foreach (var answer in answers)
            answer.Dispose();
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_restart_keeps_the_edited_tree(string database)
    {
        var connectionString = await databases.NewDatabaseAsync(database);
        string etag;
        await using (var server = await StartAsync(database, connectionString))
        {
            await server.OrgOkAsync(HttpMethod.Post, "/units", Pukou);
            await server.OrgOkAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-sz" }));
            etag = await server.ETagAsync();
        }

        await using var restarted = await StartAsync(database, connectionString);

        Assert.Equal(etag, await restarted.ETagAsync());
        Assert.Equal("js-sz", (await restarted.UnitAsync("js-nj-jn")).Str("parent"));
        Assert.Equal($"\"{(await restarted.CreateAsync(Api.Consultation("咨询 " + Api.Marker(), acceptingUnit: "js-nj-pk"))).Str("ruleVersion")}\"", etag);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_preset_changed_on_disk_replaces_the_edited_tree_at_start_up(string database)
    {
        var connectionString = await databases.NewDatabaseAsync(database);
        string number;
        await using (var server = await StartAsync(database, connectionString))
        {
            await server.OrgOkAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-sz" }));
            number = (await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker()))).Str("number");
        }
        var presetFile = Path.Combine(_presets, "sgcc-95598", "preset.yaml");
        await File.WriteAllTextAsync(presetFile, (await File.ReadAllTextAsync(presetFile)).Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal));

        await using var restarted = await StartAsync(database, connectionString);

        var (tree, _) = await restarted.TreeAsync();
        Assert.StartsWith("sgcc-95598@2026.2#", tree.Str("ruleVersion"), StringComparison.Ordinal);
        Assert.Equal("preset", tree.Str("changedBy"));
        Assert.Equal("js-nj", (await restarted.UnitAsync("js-nj-jn")).Str("parent"));
        Assert.StartsWith("sgcc-95598@2026.1#", (await restarted.GetOrderAsync(number)).Str("ruleVersion"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_presets, recursive: true);

    private Task<TestServer> StartAsync(string database, string connectionString) =>
        TestServer.StartAsync(database, connectionString, configure: b => b.Configuration["Rules:RefreshSeconds"] = "0.2", presetsDir: _presets);

    private static async Task<System.Text.Json.JsonElement> EventuallyAcceptedAsync(TestServer server, object request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await server.Client.PostAsJsonAsync("/api/work-orders", request);
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                var body = await TestServer.ReadJsonAsync(response);
                Assert.True(response.IsSuccessStatusCode, $"the second node never took the change: {body}");
                return body;
            }
            await Task.Delay(100);
        }
    }
}
