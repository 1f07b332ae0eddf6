using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class NoInputBreaksTheServerTests(Databases databases)
{
    private static readonly JsonNode?[] Oddities =
    [
        null, JsonValue.Create(""), JsonValue.Create(" "), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1e308),
        JsonValue.Create(true), JsonValue.Create(new string('x', 5000)), JsonValue.Create("🙂\u0000\u202e"), JsonValue.Create("' OR 1=1 --"),
        new JsonArray(), new JsonObject(), JsonValue.Create("9999-12-31T23:59:59Z"),
    ];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Mangled_creates_and_actions_are_answered_without_a_server_error(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("fuzz " + Api.Marker()))).Str("id");
        var complaint = (await server.CreateAsync(Api.Complaint("fuzz"))).Str("id");
        foreach (var (step, stepBody) in Api.ComplaintToCallback)
            await server.ActOkAsync(complaint, step, stepBody);
        var random = new Random(95598);
        var template = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Api.Consultation("fuzz")))!.AsObject();

        for (var i = 0; i < 150; i++)
        {
            var body = Mangle(template.DeepClone().AsObject(), random);
            using var create = await server.Client.PostAsync("/api/work-orders", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True((int)create.StatusCode < 500, $"create answered {(int)create.StatusCode} to {body}");

            var actions = new[] { "dispatch", "receive", "forward", "assign", "return", "handle", "review", "reject", "resolve", "archive", "customer/reveal" };
            var action = actions[random.Next(actions.Length)];
            var actionBody = Mangle(new JsonObject { ["unit"] = "js-csc", ["reason"] = "r", ["comment"] = "c", ["assignee"] = "h" }, random);
            using var act = await server.Client.PostAsync($"/api/work-orders/{id}/{action}", new StringContent(actionBody, Encoding.UTF8, "application/json"));
            Assert.True((int)act.StatusCode < 500, $"{action} answered {(int)act.StatusCode} to {actionBody}");

            var judging = new[] { "judge", "appeal", "decideAppeal" }[random.Next(3)];
            var judgingBody = Mangle(new JsonObject { ["comment"] = "c", ["grade"] = "general", ["finding"] = "responsible", ["findingUnit"] = "js-nj-jn", ["reason"] = "r" }, random);
            using var judged = await server.Client.PostAsync($"/api/work-orders/{complaint}/{judging}", new StringContent(judgingBody, Encoding.UTF8, "application/json"));
            Assert.True((int)judged.StatusCode < 500, $"{judging} answered {(int)judged.StatusCode} to {judgingBody}");
        }

        using var list = await server.Client.GetAsync("/api/work-orders?limit=abc&createdFrom=%00&after=%F0%9F%99%82&open=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }

    private static string Mangle(JsonObject body, Random random)
    {
        var node = body;
        var keys = node.Select(p => p.Key).ToList();
        for (var changes = random.Next(1, 4); changes > 0; changes--)
        {
            var key = keys[random.Next(keys.Count)];
            switch (random.Next(4))
            {
                case 0:
                    node.Remove(key);
                    break;
                case 1:
                    node[key] = Oddities[random.Next(Oddities.Length)]?.DeepClone();
                    break;
                case 2 when node[key] is JsonObject inner && inner.Count > 0:
                    inner[inner.ElementAt(random.Next(inner.Count)).Key] = Oddities[random.Next(Oddities.Length)]?.DeepClone();
                    break;
                default:
                    node["unexpected" + random.Next(3)] = 1;
                    break;
            }
        }
        var text = node.ToJsonString();
        return random.Next(10) == 0 ? text[..random.Next(text.Length)] : text;
    }
}
