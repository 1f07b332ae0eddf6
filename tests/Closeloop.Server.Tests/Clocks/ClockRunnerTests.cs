using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>The clock runner and the outbox over real HTTP and real databases, on a fake clock.</summary>
public sealed class ClockRunnerTests(Databases databases)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Monday 2 March 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, Beijing);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_order_shows_its_clocks_and_the_runner_warns_and_breaches_each_once(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await StartAsync(database, time);
        var created = await server.CreateAsync(Api.Consultation("咨询峰谷电价"));
        var number = created.Str("number");

        var clocks = created.GetProperty("clocks").EnumerateArray().ToDictionary(c => c.Str("policy"));
        Assert.Equal(["consultationDispatch", "consultationHandling"], clocks.Keys.Order());
        Assert.Equal("2026-03-02T10:20:00+08:00", clocks["consultationDispatch"].Str("due"));
        Assert.Equal("2026年3月6日 24:00", clocks["consultationHandling"].GetProperty("dueText").Str("zh"));

        // The background runner ticks with the fake clock too; draining by hand makes the test wait for it.
        time.Advance(TimeSpan.FromMinutes(16));
        await server.DrainClocksAsync();
        Assert.Equal("warned", Clock(await server.GetOrderAsync(number), "consultationDispatch").Str("state"));
        Assert.Contains(number, await NumbersAsync(server, "dueWithinMinutes=10"));
        Assert.DoesNotContain(number, await NumbersAsync(server, "overdue=true"));

        time.Advance(TimeSpan.FromMinutes(5));
        await server.DrainClocksAsync();
        var breached = await server.GetOrderAsync(number);
        Assert.True(breached.GetProperty("overdue").GetBoolean());
        Assert.Equal("sgcc", Clock(breached, "consultationDispatch").Str("escalatedTo"));
        Assert.Equal(["clockWarned", "clockBreached"], breached.GetProperty("history").EnumerateArray().Select(e => e.Str("action")).Where(a => a.StartsWith("clock", StringComparison.Ordinal)));
        Assert.Contains(number, await NumbersAsync(server, "overdue=true"));
        var row = (await server.Client.GetFromJsonAsync<JsonElement>("/api/work-orders?limit=10")).GetProperty("items").EnumerateArray().Single(o => o.Str("number") == number);
        Assert.True(row.GetProperty("overdue").GetBoolean());
        Assert.Equal(("consultationDispatch", new DateTimeOffset(2026, 3, 2, 10, 20, 0, Beijing)), (row.Str("nextDueClock"), row.GetProperty("nextDue").GetDateTimeOffset()));
        Assert.Contains(number, await NumbersAsync(server, "breached=true&clock=consultationDispatch"));
        Assert.Contains(number, await NumbersAsync(server, "escalatedTo=sgcc"));

        // Dispatched a minute late: the clock stops, keeps how late it was, and the order is no longer overdue.
        var dispatched = await server.ActOkAsync(number, "dispatch", new { unit = "js-csc" });
        var stopped = Clock(dispatched, "consultationDispatch");
        Assert.Equal("breached", stopped.Str("state"));
        Assert.True(stopped.GetProperty("stopped").GetBoolean());
        Assert.Equal("超时1分钟", stopped.GetProperty("marginText").Str("zh"));
        Assert.False(dispatched.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(number, await NumbersAsync(server, "overdue=true"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_working_day_breach_at_midnight_is_flagged_at_once_and_notified_when_the_office_opens(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await StartAsync(database, time);
        var number = (await server.CreateAsync(Api.Consultation("咨询业扩报装进度"))).Str("number");
        await server.ActOkAsync(number, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(number, "receive", new { });
        await server.ActOkAsync(number, "forward", new { unit = "js-nj-jn-mkt" });
        await server.ActOkAsync(number, "receive", new { });

        // 4 working days end at 24:00 on Friday; the runner fires just after midnight on Saturday.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 7, 0, 0, 30, Beijing).ToUniversalTime());
        await server.DrainClocksAsync();
        var order = await server.GetOrderAsync(number);
        Assert.Equal("breached", Clock(order, "consultationHandling").Str("state"));
        Assert.True(order.GetProperty("overdue").GetBoolean());

        await server.DeliverOutboxAsync();
        var delivered = await server.InboxAsync("js-nj-jn-mkt", pending: false);
        Assert.DoesNotContain(delivered, n => n.Str("workOrderNumber") == number && n.Str("topic") == "clock.breached");
        var waiting = (await server.InboxAsync("js-nj-jn-mkt", pending: true)).Single(n => n.Str("workOrderNumber") == number && n.Str("topic") == "clock.breached");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 8, 30, 0, Beijing), waiting.GetProperty("deliverAfter").GetDateTimeOffset());

        // Monday 08:30: the county's people are at work and hear of it.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 9, 8, 30, 0, Beijing).ToUniversalTime());
        await server.DeliverOutboxAsync();
        Assert.Contains(await server.InboxAsync("js-nj-jn-mkt", pending: false), n => n.Str("workOrderNumber") == number && n.Str("topic") == "clock.breached");
    }

    [Fact]
    public async Task A_minute_clock_of_the_hotline_notifies_at_once_even_at_three_in_the_morning()
    {
        var night = new DateTimeOffset(2026, 3, 7, 3, 0, 0, Beijing);
        var time = new FakeTimeProvider(night.ToUniversalTime());
        await using var server = await StartAsync(Databases.Sqlite, time);
        var number = (await server.CreateAsync(Api.FaultRepair())).Str("number");

        time.Advance(TimeSpan.FromMinutes(3));
        await server.DrainClocksAsync();

        // No webhook to wait for: the notice is in the inbox as the runner writes it.
        var inbox = await server.InboxAsync("sgcc-csc", pending: false);
        Assert.Contains(inbox, n => n.Str("workOrderNumber") == number && n.Str("topic") == "clock.breached");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_on_time_rate_of_each_kind_of_deadline_counts_every_stopped_clock(string database)
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var server = await StartAsync(database, time);
        var prompt = (await server.CreateAsync(Api.Consultation("咨询电价"))).Str("number");
        var late = (await server.CreateAsync(Api.Consultation("咨询电表"))).Str("number");
        await server.CreateAsync(Api.Consultation("咨询停电"));
        await server.ActOkAsync(prompt, "dispatch", new { unit = "js-csc" });

        time.Advance(TimeSpan.FromMinutes(25));
        await server.DrainClocksAsync();
        await server.ActOkAsync(late, "dispatch", new { unit = "js-csc" });

        var outcomes = await server.Client.GetFromJsonAsync<JsonElement>("/api/clocks/outcomes?unit=sgcc&subtree=true");
        var dispatch = outcomes.EnumerateArray().Single(o => o.Str("clock") == "consultationDispatch");
        Assert.Equal(2, dispatch.GetProperty("stopped").GetInt32());
        Assert.Equal(1, dispatch.GetProperty("met").GetInt32());
        Assert.Equal(1, dispatch.GetProperty("breached").GetInt32());
        Assert.Equal(1, dispatch.GetProperty("warned").GetInt32());
        Assert.Equal(0.5, dispatch.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(1, dispatch.GetProperty("overdueNow").GetInt32());
        Assert.Equal(JsonValueKind.Null, outcomes.EnumerateArray().Single(o => o.Str("clock") == "complaintContact").GetProperty("onTimeRate").ValueKind);
    }

    [Fact]
    public async Task Two_nodes_on_one_postgresql_fire_each_warning_and_breach_and_deliver_each_notice_exactly_once_across_a_restart()
    {
        var time = new FakeTimeProvider(Monday.ToUniversalTime());
        var connectionString = await databases.NewDatabaseAsync(Databases.Postgres);
        var first = await StartAsync(Databases.Postgres, time, connectionString, batchSize: 7);
        await using var second = await StartAsync(Databases.Postgres, time, connectionString, batchSize: 7);
        const int orders = 120;
        await Parallel.ForAsync(0, orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await first.CreateAsync(Api.Consultation($"并发咨询{i}", phone: $"1381234{i:0000}")));

        // Both nodes sweep side by side (and their background runners tick with the fake clock too).
        time.Advance(TimeSpan.FromMinutes(16));
        await Task.WhenAll(first.DrainClocksAsync(), second.DrainClocksAsync());

        // One node goes down; a new one comes up on the same database and carries on.
        await first.DisposeAsync();
        await using var third = await StartAsync(Databases.Postgres, time, connectionString, batchSize: 7);
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(second.DrainClocksAsync(), third.DrainClocksAsync());

        var fired = await third.QueryAsync(db => db.WorkOrderEvents
            .Where(e => e.Action == WorkOrderEvent.ClockWarned || e.Action == WorkOrderEvent.ClockBreached)
            .Select(e => new { e.WorkOrderId, e.Action })
            .ToListAsync());
        Assert.Equal(orders * 2, fired.Count);
        Assert.All(fired.GroupBy(f => f.WorkOrderId), perOrder =>
            Assert.Equal([WorkOrderEvent.ClockBreached, WorkOrderEvent.ClockWarned], perOrder.Select(f => f.Action).Order()));
        // Both nodes deliver side by side: every notice reaches its inbox once.
        await Task.WhenAll(second.DeliverOutboxAsync(), third.DeliverOutboxAsync());
        var messages = await third.QueryAsync(db => db.OutboxMessages.Select(m => new { m.DeliveredAt, m.Attempts }).ToListAsync());
        Assert.Equal(orders * 3, messages.Count); // a warning and a breach to the centre, the breach to its supervisor
        Assert.All(messages, m => Assert.Equal((true, 1), (m.DeliveredAt is not null, m.Attempts)));
    }

    private async Task<TestServer> StartAsync(string database, FakeTimeProvider time, string? connectionString = null, int? batchSize = null) =>
        await TestServer.StartAsync(
            database, connectionString ?? await databases.NewDatabaseAsync(database),
            configure: Background.OnFakeTime(time, batchSize is { } size ? new() { ["Clocks:BatchSize"] = $"{size}" } : null));

    private static JsonElement Clock(JsonElement order, string policy) =>
        order.GetProperty("clocks").EnumerateArray().Single(c => c.Str("policy") == policy);

    private static async Task<List<string>> NumbersAsync(TestServer server, string query)
    {
        var page = await server.Client.GetFromJsonAsync<JsonElement>($"/api/work-orders?{query}&limit=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(o => o.Str("number"))];
    }
}
