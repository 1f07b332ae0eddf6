using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.WorkOrders;

/// <summary>
/// The agent ends a call with one action: the order is accepted and answered or dispatched in the
/// same write, and a step the order refuses leaves nothing behind. Then the caller's next call finds it.
/// </summary>
public sealed class IntakeInOneStepTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Accepting_and_dispatching_in_one_action_lands_the_order_at_the_suggested_unit_with_both_steps_in_its_history(string database)
    {
        var server = await databases.SharedAsync(database);
        var agent = await server.SignInAsync("agent.one", "sgcc-csc", "agent");

        using var response = await agent.PostAsJsonAsync("/api/work-orders", WithThen(Api.Consultation("电费账单看不懂"), new { action = "dispatch", unit = "js-csc" }));
        var order = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("dispatched", "js-csc"), (order.Str("status"), order.Str("responsibleUnit")));
        var history = order.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["accept", "dispatch"], history.Select(e => e.Str("action")));
        Assert.All(history, e => Assert.Equal("agent.one", e.Str("actor")));
        Assert.False(history[1].GetProperty("overrodeSuggestion").GetBoolean());
        var stored = await server.GetOrderAsync(order.Str("number"));
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        Assert.Contains(stored.GetProperty("clocks").EnumerateArray(), c => c.Str("policy") == "consultationDispatch" && c.GetProperty("stopped").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Answering_at_first_contact_resolves_the_order_in_the_same_action(string database)
    {
        var server = await databases.SharedAsync(database);

        var order = await server.CreateAsync(WithThen(Api.Consultation("营业厅几点开门"), new { action = "resolve", comment = "营业时间为工作日8:30至17:30。" }));

        Assert.Equal("resolved", order.Str("status"));
        Assert.Equal("营业时间为工作日8:30至17:30。", order.GetProperty("history")[1].Str("comment"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_refused_next_step_names_its_field_and_accepts_nothing(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();

        var problems = new[]
        {
            (WithThen(Api.Consultation(marker), new { action = "resolve" }), "then.comment"),
            (WithThen(Api.Consultation(marker), new { action = "dispatch", unit = "zj-csc" }), "then.reason"),
            (WithThen(Api.Consultation(marker), new { action = "archive" }), "then.action"),
            (WithThen(Api.Consultation(marker), new { action = "teleport" }), "then.action"),
        };
        foreach (var (request, field) in problems)
        {
            using var response = await server.Client.PostAsJsonAsync("/api/work-orders", request);
            var problem = await TestServer.ReadJsonAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field}: {problem}");
        }
        Assert.Equal(0, await server.QueryAsync(db => db.WorkOrders.CountAsync(o => o.Content == marker)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_step_the_agents_roles_may_not_take_is_refused_before_anything_is_written(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        // An agent accepts, answers and dispatches; receiving is the province's step.
        var agent = await server.SignInAsync("agent.two", "sgcc-csc", "agent");

        using var response = await agent.PostAsJsonAsync("/api/work-orders", WithThen(Api.Consultation(marker), new { action = "receive" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await server.QueryAsync(db => db.WorkOrders.CountAsync(o => o.Content == marker)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_callers_number_finds_their_open_orders_first_then_the_closed_ones_all_masked(string database)
    {
        var server = await databases.SharedAsync(database);
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var open = await server.CreateAsync(Api.Consultation("第一次来电", phone));
        var resolved = await server.CreateAsync(WithThen(Api.Consultation("第二次来电", phone), new { action = "resolve", comment = "已答复" }));
        await server.ActOkAsync(resolved.Str("id"), "archive", new { });
        await server.CreateAsync(Api.Consultation("别人的来电", "13800000000"));

        using var response = await server.Client.PostAsJsonAsync("/api/work-orders/caller-history", new { phone });
        var answer = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([open.Str("number")], answer.GetProperty("open").EnumerateArray().Select(o => o.Str("number")));
        Assert.Equal([resolved.Str("number")], answer.GetProperty("earlier").EnumerateArray().Select(o => o.Str("number")));
        Assert.DoesNotContain(phone, answer.ToString());
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", answer.Str("phone"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_caller_history_shows_only_orders_in_the_persons_part_of_the_tree(string database)
    {
        var server = await databases.SharedAsync(database);
        var phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}";
        await server.CreateAsync(Api.Consultation("江宁营业厅受理", phone, acceptingUnit: "js-nj-jn"));
        var lishui = await server.SignInAsync("hall.ls", "js-nj-ls", "agent");

        var answer = await (await lishui.PostAsJsonAsync("/api/work-orders/caller-history", new { phone })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Empty(answer.GetProperty("open").EnumerateArray());
        Assert.Empty(answer.GetProperty("earlier").EnumerateArray());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("")]
    public async Task A_caller_history_without_a_valid_number_answers_400_naming_the_phone(string phone)
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        using var response = await server.Client.PostAsJsonAsync("/api/work-orders/caller-history", new { phone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("phone", out _));
    }

    private static JsonElement WithThen(object request, object then)
    {
        var json = JsonSerializer.SerializeToNode(request, TestServer.Json)!.AsObject();
        json["then"] = JsonSerializer.SerializeToNode(then, TestServer.Json);
        return JsonSerializer.SerializeToElement(json);
    }
}
