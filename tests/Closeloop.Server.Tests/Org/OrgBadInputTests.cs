using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Org;

/// <summary>Every change the org tree must refuse, answered 400 naming the field, and nothing stored.</summary>
public sealed class OrgBadInputTests(Databases databases)
{
    private const string Who = """ "reason": "test" """;
    private const string Name = """ "name": { "zh": "新单位", "en": "New unit" } """;

    private static readonly (string Method, string Path, string Body, string Field)[] Cases =
    [
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "mars", "kind": "county", {{Name}}, {{Who}} }""", "parent"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "kind": "county", {{Name}}, {{Who}} }""", "parent"),
        ("POST", "/units", $$"""{ "code": "js-nj-jn", "parent": "js-nj", "kind": "county", {{Name}}, {{Who}} }""", "code"),
        ("POST", "/units", $$"""{ "code": "9-lives", "parent": "js-nj", "kind": "county", {{Name}}, {{Who}} }""", "code"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "village", {{Name}}, {{Who}} }""", "kind"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Who}} }""", "name.zh"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "calendar": "mars", {{Who}} }""", "calendar"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "areaCodes": ["32"], {{Who}} }""", "areaCodes[0]"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "areaCodes": 320000, {{Who}} }""", "areaCodes"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "officeHours": [{ "from": "8am", "to": "17:00" }], {{Who}} }""", "officeHours[0].from"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "officeHours": [{ "from": "08:00", "to": "12:00" }, { "from": "11:00", "to": "13:00" }], {{Who}} }""", "officeHours"),
        ("POST", "/units", $$"""{ "code": "js-nj-jn-new", "parent": "js-nj-jn", "kind": "crew", {{Name}}, "clocks": { "repairArrival": { "amount": 100 } }, {{Who}} }""", "clocks.repairArrival"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "clocks": { "teleport": { "amount": 1 } }, {{Who}} }""", "clocks.teleport"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "clocks": { "repairArrival": { "amount": 1, "unit": "hours" } }, {{Who}} }""", "clocks.repairArrival"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "clocks": { "repairArrival": { "amount": 0 } }, {{Who}} }""", "clocks.repairArrival.amount"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}} }""", "reason"),
        ("POST", "/units", $$"""{ "code": "js-nj-new", "parent": "js-nj", "kind": "county", {{Name}}, "colour": "red", {{Who}} }""", "colour"),
        ("POST", "/units", "", "body"),
        ("PUT", "/units/js-nj", $$"""{ "kind": "city", {{Name}}, "clocks": { "repairArrival": { "amount": 60 } }, {{Who}} }""", "clocks.repairArrival"),
        ("PUT", "/units/js-nj-jn", $$"""{ "kind": "county", {{Name}}, "clocks": { "repairArrival": { "amount": 150 } }, {{Who}} }""", "clocks.repairArrival"),
        ("PUT", "/units/js-nj-jn", $$"""{ {{Name}}, {{Who}} }""", "kind"),
        ("POST", "/units/js-nj/move", $$"""{ "parent": "js-nj-jn", {{Who}} }""", "parent"),
        ("POST", "/units/js-nj/move", $$"""{ "parent": "js-nj", {{Who}} }""", "parent"),
        ("POST", "/units/js-nj/move", $$"""{ "parent": "mars", {{Who}} }""", "parent"),
        ("POST", "/units/js-nj/move", $$"""{ {{Who}} }""", "parent"),
        ("POST", "/units/js-nj-jn/move", $$"""{ "parent": "js-nj-om", {{Who}} }""", "parent"),
        ("DELETE", "/units/js-nj-jn-crew1", "", "reason"),
    ];

    public static TheoryData<string, int> All =>
        [.. Cases.Index().SelectMany(c => new[] { (Databases.Sqlite, c.Index), (Databases.Postgres, c.Index) })];

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_bad_change_answers_400_naming_the_field_and_stores_no_version(string database, int index)
    {
        var (method, path, body, field) = Cases[index];
        var server = await databases.SharedAsync(database);
        var stored = await server.StoredAsync();

        using var response = await server.OrgAsync(new HttpMethod(method), path, content: new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await TestServer.ReadJsonAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body} answered {(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected '{field}' in {problem}");
        Assert.Equal(stored, await server.StoredAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_that_loosens_a_childs_clock_names_the_child(string database)
    {
        var server = await databases.SharedAsync(database);

        using var response = await server.OrgAsync(HttpMethod.Put, "/units/js-nj", OrgAdmin.Change(new
        {
            kind = "city",
            name = new { zh = "国网南京供电公司", en = "State Grid Nanjing Power Supply Company" },
            clocks = new { repairArrival = new { amount = 60 } },
        }));
        var problem = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = problem.GetProperty("errors").GetProperty("clocks.repairArrival").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("unit 'js-nj-jn': a unit may only tighten a clock", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_to_an_unknown_unit_answers_404(string database)
    {
        var server = await databases.SharedAsync(database);

        using var update = await server.OrgAsync(HttpMethod.Put, "/units/mars", OrgAdmin.Change(new { kind = "county" }));
        using var move = await server.OrgAsync(HttpMethod.Post, "/units/mars/move", OrgAdmin.Change(new { parent = "js" }));
        using var remove = await server.OrgAsync(HttpMethod.Delete, "/units/mars?reason=r");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { update.StatusCode, move.StatusCode, remove.StatusCode });
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Mangled_org_requests_are_answered_without_a_server_error(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var random = new Random(95598);
        JsonNode?[] oddities =
        [
            null, JsonValue.Create(""), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(true), JsonValue.Create(new string('x', 5000)),
            JsonValue.Create("🙂\u0000\u202e"), new JsonArray(), new JsonObject(), new JsonObject { ["amount"] = -5 }, new JsonArray(JsonValue.Create(7)),
        ];
        var template = new JsonObject
        {
            ["code"] = "js-nj-fz",
            ["parent"] = "js-nj",
            ["kind"] = "county",
            ["name"] = new JsonObject { ["zh"] = "测试", ["en"] = "Test" },
            ["areaCodes"] = new JsonArray(JsonValue.Create("320100")),
            ["calendar"] = "cn",
            ["officeHours"] = new JsonArray(new JsonObject { ["from"] = "08:00", ["to"] = "17:00" }),
            ["clocks"] = new JsonObject { ["repairArrival"] = new JsonObject { ["amount"] = 60 } },
            ["reason"] = "fuzz",
        };
        var paths = new[] { ("POST", "/units"), ("PUT", "/units/js-nj-ls"), ("POST", "/units/js-nj-ls/move"), ("POST", "/import?format=csv&dryRun=true"), ("POST", "/import?dryRun=true") };

        for (var i = 0; i < 60; i++)
        {
            var body = template.DeepClone().AsObject();
            var keys = body.Select(p => p.Key).ToList();
            for (var changes = random.Next(1, 4); changes > 0; changes--)
                body[keys[random.Next(keys.Count)]] = oddities[random.Next(oddities.Length)]?.DeepClone();
            var (method, path) = paths[i % paths.Length];
            var text = path.StartsWith("/import", StringComparison.Ordinal) ? body.ToJsonString().Replace(',', random.Next(2) == 0 ? '\n' : ',') : body.ToJsonString();
            using var response = await server.OrgAsync(new HttpMethod(method), path, content: new StringContent(text, Encoding.UTF8, "application/json"));
            Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {(int)response.StatusCode} to {text}");
        }
    }
}
