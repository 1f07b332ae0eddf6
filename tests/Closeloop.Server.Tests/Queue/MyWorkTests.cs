using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Queue;

/// <summary>
/// A person's queue: what waits at their unit in a status their roles work on, nearest deadline
/// first, with each running clock; and the named views they save of it.
/// </summary>
public sealed class MyWorkTests(Databases databases)
{
    // Monday 2 March 2026, 09:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_province_dispatcher_sees_what_was_sent_to_the_province_nearest_deadline_first_and_the_county_does_not(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var agent = await server.SignInAsync("agent.wu", "sgcc-csc", "agent");
        var dispatcher = await server.SignInAsync("province.qian", "js-csc", "dispatcher");
        var county = await server.SignInAsync("county.sun", "js-nj-jn-mkt", "dispatcher");
        var later = await DispatchedAsync(agent, "js-csc", "第一张");
        time.Advance(TimeSpan.FromMinutes(30));
        var sooner = await DispatchedAsync(agent, "js-csc", "第二张");
        var notYetDispatched = await agent.CreateAsync(Api.Consultation("还在坐席"));

        var queue = await QueueAsync(dispatcher, "");

        Assert.Equal("js-csc", queue.Str("unit"));
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        // Both wait to be received; the receive clock of neither runs, so the handling clocks decide: the first was sent first.
        Assert.Equal([later, sooner], items.Select(i => i.Str("number")));
        Assert.All(items, i => Assert.Contains("receive", i.GetProperty("actions").EnumerateArray().Select(a => a.GetString())));
        Assert.All(items, i => Assert.NotEmpty(i.GetProperty("clocks").EnumerateArray()));
        Assert.All(items, i => Assert.Contains("****", i.Str("customerPhone")));
        Assert.DoesNotContain(notYetDispatched.Str("number"), queue.ToString());
        Assert.Empty((await QueueAsync(county, "")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Mine_shows_only_the_orders_assigned_to_me_and_status_narrows_to_one_step(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var county = await server.SignInAsync("county.zhao", "js-nj-jn-mkt", "dispatcher", "handler");
        var handler = await server.SignInAsync("handler.qian", "js-nj-jn-mkt", "handler");
        var assigned = await DispatchedAsync(server.Client, "js-nj-jn-mkt", "指派给钱");
        await county.ActOkAsync(assigned, "receive", new { });
        await county.ActOkAsync(assigned, "assign", new { assignee = "handler.qian" });
        var waiting = await DispatchedAsync(server.Client, "js-nj-jn-mkt", "待接单");

        Assert.Equal([assigned], Numbers(await QueueAsync(handler, "mine=true")));
        Assert.Equal([waiting], Numbers(await QueueAsync(county, "status=dispatched")));
        Assert.Equal([assigned, waiting], Numbers(await QueueAsync(county, "")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_handled_answer_waits_in_the_queue_of_the_reviewer_of_the_unit_just_above_and_no_higher(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var handler = await server.SignInAsync("handler.zhou", "js-nj-jn-mkt", "handler");
        var county = await server.SignInAsync("reviewer.jn", "js-nj-jn", "reviewer");
        var city = await server.SignInAsync("reviewer.nj", "js-nj", "reviewer");
        var number = await DispatchedAsync(server.Client, "js-nj-jn-mkt", "待审核");
        await handler.ActOkAsync(number, "receive", new { });

        Assert.Empty(Numbers(await QueueAsync(county, "")));
        await handler.ActOkAsync(number, "handle", new { comment = "已处理" });

        Assert.Equal([number], Numbers(await QueueAsync(county, "")));
        Assert.Empty(Numbers(await QueueAsync(city, "")));
    }

    [Theory]
    [InlineData("status=archived", "status")]
    [InlineData("type=gossip", "type")]
    [InlineData("limit=0", "limit")]
    [InlineData("dueWithinMinutes=0", "dueWithinMinutes")]
    public async Task Bad_filters_answer_400_naming_the_field(string query, string field)
    {
        var server = await databases.SharedAsync(Databases.Sqlite);
        var dispatcher = await server.SignInAsync($"d.{Api.Marker()}", "js-csc", "dispatcher");

        using var response = await dispatcher.GetAsync($"/api/queue?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_saved_view_keeps_only_queue_filters_is_replaced_by_its_name_and_is_seen_and_deleted_only_by_its_owner(string database)
    {
        var server = await databases.SharedAsync(database);
        var me = await server.SignInAsync($"v.{Api.Marker()}", "js-csc", "dispatcher");
        var other = await server.SignInAsync($"w.{Api.Marker()}", "js-csc", "dispatcher");

        var saved = await (await me.PostAsJsonAsync("/api/queue/views", new { name = "超时投诉", query = "?type=complaint&overdue=true" })).Content.ReadFromJsonAsync<JsonElement>();
        var replaced = await (await me.PostAsJsonAsync("/api/queue/views", new { name = "超时投诉", query = "overdue=true&type=complaint&mine=true" })).Content.ReadFromJsonAsync<JsonElement>();
        using var unknown = await me.PostAsJsonAsync("/api/queue/views", new { name = "坏的", query = "type=complaint&drop=table" });

        Assert.Equal("overdue=true&type=complaint", saved.Str("query"));
        Assert.Equal((saved.Str("id"), "mine=true&overdue=true&type=complaint"), (replaced.Str("id"), replaced.Str("query")));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(unknown)).GetProperty("errors").TryGetProperty("query", out _));
        Assert.Single(await me.GetFromJsonAsync<JsonElement[]>("/api/queue/views") ?? []);
        Assert.Empty(await other.GetFromJsonAsync<JsonElement[]>("/api/queue/views") ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/queue/views/{saved.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"/api/queue/views/{saved.Str("id")}")).StatusCode);
        Assert.Empty(await me.GetFromJsonAsync<JsonElement[]>("/api/queue/views") ?? []);
    }

    private static async Task<string> DispatchedAsync(HttpClient client, string unit, string content)
    {
        var order = await client.CreateAsync(Api.Consultation(content));
        var dispatched = await client.ActOkAsync(order.Str("id"), "dispatch", new { unit, reason = unit == "js-csc" ? null : "测试直派" });
        return dispatched.Str("number");
    }

    private static async Task<JsonElement> QueueAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/queue?{query}");
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"queue answered {(int)response.StatusCode}: {json}");
        return json;
    }

    private static List<string> Numbers(JsonElement queue) => [.. queue.GetProperty("items").EnumerateArray().Select(i => i.Str("number"))];
}
