using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.Presets;

/// <summary>An administrator reads, checks and replaces preset.yaml at runtime through <c>/api/presets</c>.</summary>
public sealed class PresetAdministrationTests(Databases databases)
{
    private const string DispatchLimit = "limit: { amount: 20, unit: minutes }";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_bad_preset_is_refused_naming_the_file_the_path_and_the_line(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var (preset, etag) = await PresetAsync(server.Client);
        var bad = WithDispatchLimit(preset, "limit: { amount: 20, unit: fortnights }");
        var line = bad.Split('\n').ToList().FindIndex(l => l.Contains("fortnights", StringComparison.Ordinal)) + 1;

        using var check = await server.Client.PostAsync("/api/presets/check", Yaml(bad));
        using var apply = await SendAsync(server.Client, HttpMethod.Put, "/api/presets?reason=test", bad, etag);

        foreach (var response in new[] { check, apply })
        {
            var answer = await TestServer.ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {answer}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = Assert.Single(answer.GetProperty("presetProblems").EnumerateArray());
            Assert.Equal(("preset.yaml", "clocks[0].limit.unit", line), (problem.Str("file"), problem.Str("path"), problem.GetProperty("line").GetInt32()));
            Assert.Contains("unknown unit 'fortnights'", problem.Str("message"), StringComparison.Ordinal);
            Assert.Contains("clocks[0].limit.unit", answer.GetProperty("errors").GetProperty("preset.yaml")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(etag, (await PresetAsync(server.Client)).ETag);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Applying_a_changed_clock_makes_a_new_version_current_and_an_older_order_keeps_its_own(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var older = await server.CreateAsync(Api.Consultation("旧规则 " + Api.Marker()));
        var (preset, etag) = await PresetAsync(server.Client);
        var changed = WithDispatchLimit(preset, "limit: { amount: 30, unit: minutes }");

        using var checkResponse = await server.Client.PostAsync("/api/presets/check", Yaml(changed));
        var check = await TestServer.ReadJsonAsync(checkResponse);
        Assert.True(checkResponse.IsSuccessStatusCode, check.ToString());
        var change = Assert.Single(check.GetProperty("diff").GetProperty("rules").EnumerateArray());
        Assert.Equal(("clock", "consultationDispatch", "limit", "20 minutes", "30 minutes"),
            (change.Str("area"), change.Str("code"), change.Str("field"), change.Str("before"), change.Str("after")));
        var lines = check.GetProperty("diff").GetProperty("lines").EnumerateArray().Where(l => l.Str("kind") is "removed" or "added")
            .Select(l => (l.Str("kind"), l.Str("text").Trim())).ToList();
        Assert.Equal([("removed", DispatchLimit), ("added", "limit: { amount: 30, unit: minutes }")], lines);
        Assert.Equal(etag, (await PresetAsync(server.Client)).ETag);

        using var applyResponse = await SendAsync(server.Client, HttpMethod.Put, "/api/presets?reason=" + Uri.EscapeDataString("2026 咨询派单时限调整"), changed, etag);
        var applied = await TestServer.ReadJsonAsync(applyResponse);

        Assert.True(applyResponse.IsSuccessStatusCode, applied.ToString());
        Assert.True(applied.GetProperty("changed").GetBoolean());
        var version = applied.Str("ruleVersion");
        Assert.NotEqual(older.Str("ruleVersion"), version);
        var current = await server.Client.GetFromJsonAsync<JsonElement>("/api/presets");
        Assert.Equal((version, TestServer.Tester, "2026 咨询派单时限调整", changed), (current.Str("ruleVersion"), current.Str("changedBy"), current.Str("reason"), current.GetProperty("files").Str("preset.yaml")));

        var newer = await server.CreateAsync(Api.Consultation("新规则 " + Api.Marker()));
        Assert.Equal(version, newer.Str("ruleVersion"));
        Assert.Equal(30, DispatchClock(await server.GetOrderAsync(newer.Str("number"))).GetProperty("amount").GetInt32());
        var olderNow = await server.GetOrderAsync(older.Str("number"));
        Assert.Equal(older.Str("ruleVersion"), olderNow.Str("ruleVersion"));
        Assert.Equal(20, DispatchClock(olderNow).GetProperty("amount").GetInt32());
        var audit = await server.QueryAsync(db => db.AuditTrail.AsNoTracking().Where(a => a.Action == "rules.change").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal((TestServer.Tester, $"rules:{version}"), (entry.Actor, entry.Subject));
        Assert.Contains("clock consultationDispatch limit 20 minutes → 30 minutes", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_without_If_Match_or_on_rules_someone_changed_meanwhile_is_refused(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var (preset, etag) = await PresetAsync(server.Client);
        var first = WithDispatchLimit(preset, "limit: { amount: 25, unit: minutes }");
        var second = WithDispatchLimit(preset, "limit: { amount: 15, unit: minutes }");

        using var missing = await SendAsync(server.Client, HttpMethod.Put, "/api/presets?reason=first", first, ifMatch: null);
        using var noReason = await SendAsync(server.Client, HttpMethod.Put, "/api/presets", first, etag);
        using var applied = await SendAsync(server.Client, HttpMethod.Put, "/api/presets?reason=first", first, etag);
        using var stale = await SendAsync(server.Client, HttpMethod.Put, "/api/presets?reason=second", second, etag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal("reason", Assert.Single((await TestServer.ReadJsonAsync(noReason)).GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var now = await server.Client.GetFromJsonAsync<JsonElement>("/api/presets");
        Assert.Equal(first, now.GetProperty("files").Str("preset.yaml"));
        Assert.Equal(now.Str("ruleVersion"), (await TestServer.ReadJsonAsync(stale)).Str("currentRuleVersion"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_an_administrator_at_the_root_changes_the_preset_and_others_may_not_read_it(string database)
    {
        var server = await databases.SharedAsync(database);
        var provinceAdmin = await server.SignInAsync("presets.js.admin", "js", "administrator");
        var manager = await server.SignInAsync("presets.manager", "sgcc", "manager");
        var (preset, etag) = await PresetAsync(provinceAdmin);
        var changed = WithDispatchLimit(preset, "limit: { amount: 10, unit: minutes }");

        using var checkedByProvince = await provinceAdmin.PostAsync("/api/presets/check", Yaml(changed));
        using var appliedByProvince = await SendAsync(provinceAdmin, HttpMethod.Put, "/api/presets?reason=province", changed, etag);
        using var readByManager = await manager.GetAsync("/api/presets");
        using var checkedByManager = await manager.PostAsync("/api/presets/check", Yaml(changed));
        using var appliedByManager = await SendAsync(manager, HttpMethod.Put, "/api/presets?reason=manager", changed, etag);
        using var anonymous = await server.Anonymous.GetAsync("/api/presets");

        Assert.Equal(HttpStatusCode.OK, checkedByProvince.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, appliedByProvince.StatusCode);
        Assert.Contains("root unit", (await TestServer.ReadJsonAsync(appliedByProvince)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized],
            [readByManager.StatusCode, checkedByManager.StatusCode, appliedByManager.StatusCode, anonymous.StatusCode]);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_that_would_take_the_right_to_change_rules_from_everyone_is_refused(string database)
    {
        var server = await databases.SharedAsync(database);
        var (preset, etag) = await PresetAsync(server.Client);
        var lockedOut = preset.Replace("may: [manageOrg, managePeople, manageRules]", "may: [manageOrg, managePeople]", StringComparison.Ordinal);

        using var response = await SendAsync(server.Client, HttpMethod.Put, "/api/presets?reason=oops", lockedOut, etag);

        var problem = Assert.Single((await TestServer.ReadJsonAsync(response)).GetProperty("presetProblems").EnumerateArray());
        Assert.Equal((HttpStatusCode.BadRequest, "roles"), (response.StatusCode, problem.Str("path")));
    }

    internal static async Task<(string Preset, string ETag)> PresetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/presets");
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/presets answered {(int)response.StatusCode}: {json}");
        return (json.GetProperty("files").Str("preset.yaml"), response.Headers.ETag!.ToString());
    }

    // The consultation dispatch clock comes first; the complaint's has the same limit further down.
    private static string WithDispatchLimit(string preset, string limit)
    {
        var at = preset.IndexOf(DispatchLimit, StringComparison.Ordinal);
        return preset[..at] + limit + preset[(at + DispatchLimit.Length)..];
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string text, string? ifMatch)
    {
        using var message = new HttpRequestMessage(method, path) { Content = Yaml(text) };
        if (ifMatch is not null)
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(message);
    }

    private static JsonElement DispatchClock(JsonElement order) =>
        order.GetProperty("clocks").EnumerateArray().Single(c => c.Str("policy") == "consultationDispatch");
}
