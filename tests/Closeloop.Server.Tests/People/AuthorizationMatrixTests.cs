using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.People;

/// <summary>
/// Every role against every action, inside and outside the person's subtree, answered by the real
/// server and compared with authorization-matrix.txt. A cell that changes fails the test: a change of
/// rights is made on purpose, by editing that file in the same commit.
/// </summary>
public sealed class AuthorizationMatrixTests(Databases databases)
{
    private const string Inside = "js-nj-jn";
    private const string Outside = "js-nj-ls";
    private static readonly Dictionary<string, string> Towns = new() { [Inside] = "Jiangning", [Outside] = "Lishui" };

    [Fact]
    public async Task Every_role_may_do_exactly_what_the_matrix_says_inside_and_outside_its_subtree()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);
        var orders = new Dictionary<string, string>();
        foreach (var unit in new[] { Inside, Outside })
        {
            var id = (await server.CreateAsync(Api.Consultation("matrix " + Api.Marker()))).Str("id");
            await server.ActOkAsync(id, "dispatch", new { unit, reason = "直派区县" });
            orders[unit] = id;
        }

        var orgYaml = await server.Client.GetStringAsync("/api/org/export?format=yaml", TestContext.Current.CancellationToken);
        var presetYaml = (await server.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/presets", TestContext.Current.CancellationToken))
            .GetProperty("files").GetProperty("preset.yaml").GetString()!;

        var lines = new List<string> { $"{"role",-18} {"action",-16} inside outside" };
        foreach (var role in server.Rulebook.Roles.Keys)
        {
            var client = await server.SignInAsync($"matrix.{role.ToLowerInvariant()}", Inside, role);
            foreach (var (action, call) in Calls(server, orgYaml, presetYaml))
            {
                var inside = Cell(await call(client, Inside, orders[Inside]));
                var outside = Cell(await call(client, Outside, orders[Outside]));
                lines.Add($"{role,-18} {action,-16} {inside,-6} {outside}");
            }
        }

        var actual = string.Join('\n', lines) + "\n";
        var expected = await File.ReadAllTextAsync(MatrixFile(), TestContext.Current.CancellationToken);
        if (expected.ReplaceLineEndings("\n") != actual)
        {
            await File.WriteAllTextAsync(MatrixFile() + ".actual", actual, TestContext.Current.CancellationToken);
            Assert.Fail($"The authorisation matrix changed; compare {MatrixFile()} with {MatrixFile()}.actual:\n{Diff(expected.ReplaceLineEndings("\n"), actual)}");
        }
    }

    // One request per action: allowed answers anything but 403/404 (a 412 for steps sent with a stale If-Match, so nothing changes).
    private static IEnumerable<(string Action, Func<HttpClient, string, string, Task<HttpStatusCode>> Call)> Calls(TestServer server, string orgYaml, string presetYaml)
    {
        yield return ("accept", (c, unit, _) => Status(c.PostAsJsonAsync("/api/work-orders", WithUnit(Api.Consultation("matrix accept"), $"{unit}-hall1"))));
        yield return ("list", (c, unit, _) => Status(c.GetAsync($"/api/work-orders?unit={unit}")));
        yield return ("count", (c, unit, _) => Status(c.GetAsync($"/api/work-orders/counts?unit={unit}")));
        yield return ("read", (c, _, id) => Status(c.GetAsync($"/api/work-orders/{id}")));
        yield return ("reveal", (c, _, id) => Status(c.PostAsJsonAsync($"/api/work-orders/{id}/customer/reveal", new { reason = "matrix" })));
        yield return ("accessLog", (c, _, id) => Status(c.GetAsync($"/api/work-orders/{id}/customer/access-log")));
        yield return ("notifications", (c, unit, _) => Status(c.GetAsync($"/api/notifications?unit={unit}")));
        yield return ("onTimeRates", (c, unit, _) => Status(c.GetAsync($"/api/clocks/outcomes?unit={unit}")));
        yield return ("suggestion", (c, unit, _) => Status(c.GetAsync($"/api/routing/suggestion?type=consultation&areaCode=320115&from={unit}-mkt")));
        yield return ("people", (c, unit, _) => Status(c.GetAsync($"/api/people?unit={unit}")));
        // A dry-run import that renames the unit's business hall: checked like a real change, stores nothing.
        yield return ("orgChange", (c, unit, _) => Status(c.PostAsync(
            "/api/org/import?format=yaml&dryRun=true",
            new StringContent(orgYaml.Replace($"en: {Towns[unit]} Power Supply Business Hall", $"en: {Towns[unit]} Customer Service Hall", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/yaml"))));
        yield return ("urge", (c, _, id) => Status(c.PostAsJsonAsync($"/api/work-orders/{id}/urge", new { reason = "matrix" })));
        yield return ("supervise", (c, _, id) => Status(c.PostAsJsonAsync($"/api/work-orders/{id}/supervise", new { reason = "matrix" })));
        yield return ("oversightReport", (c, unit, _) => Status(c.GetAsync($"/api/work-orders/oversight?unit={unit}")));
        yield return ("auditTrail", (c, _, _) => Status(c.GetAsync("/api/audit?limit=1")));
        // A person's own queue and a caller's history name no unit: the same answer inside and outside.
        yield return ("queue", (c, _, _) => Status(c.GetAsync("/api/queue")));
        yield return ("callerHistory", (c, _, _) => Status(c.PostAsJsonAsync("/api/work-orders/caller-history", new { phone = "13812345678" })));
        yield return ("overview", (c, unit, _) => Status(c.GetAsync($"/api/work-orders/overview?unit={unit}")));
        // The preset is the whole tree's: the same answer inside and outside; a change needs a seat at the root, which no one here has.
        yield return ("presetRead", (c, _, _) => Status(c.GetAsync("/api/presets")));
        yield return ("presetCheck", (c, _, _) => Status(c.PostAsync("/api/presets/check", new StringContent(presetYaml, Encoding.UTF8, "application/yaml"))));
        yield return ("presetChange", (c, _, _) => Status(PresetChangeAsync(c, presetYaml)));
        foreach (var action in server.Rulebook.Actions.Select(a => a.Code))
            yield return (action, (c, _, id) => Status(c.ActAsync(id, action, new { }, ifMatch: "\"0\"")));
    }

    // Sent on a stale rule version: an allowed change is answered 412 and changes nothing.
    private static Task<HttpResponseMessage> PresetChangeAsync(HttpClient client, string presetYaml)
    {
        var message = new HttpRequestMessage(HttpMethod.Put, "/api/presets?reason=matrix") { Content = new StringContent(presetYaml, Encoding.UTF8, "application/yaml") };
        message.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        return client.SendAsync(message);
    }

    private static System.Text.Json.Nodes.JsonObject WithUnit(object consultation, string acceptingUnit)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(consultation)!.AsObject();
        json["acceptingUnit"] = acceptingUnit;
        return json;
    }

    private static async Task<HttpStatusCode> Status(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return response.StatusCode;
    }

    private static string Cell(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Forbidden => "deny",
        HttpStatusCode.NotFound => "hide",
        HttpStatusCode.Unauthorized => "anon",
        >= HttpStatusCode.InternalServerError => $"E{(int)status}",
        _ => "ok",
    };

    private static string Diff(string expected, string actual)
    {
        var want = expected.Split('\n').ToHashSet();
        var got = actual.Split('\n').ToHashSet();
        var text = new StringBuilder();
        foreach (var line in want.Except(got))
            text.Append("- ").AppendLine(line);
        foreach (var line in got.Except(want))
            text.Append("+ ").AppendLine(line);
        return text.ToString();
    }

    private static string MatrixFile([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "authorization-matrix.txt");
}
