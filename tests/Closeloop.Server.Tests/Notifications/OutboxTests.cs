using System.Collections.Concurrent;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Notifications;

public sealed class OutboxTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_webhook_that_fails_gets_the_notification_again_later_with_the_same_key(string database)
    {
        // A receiver that is down for its first call.
        var received = new ConcurrentQueue<(string Key, JsonElement Body)>();
        var calls = 0;
        var receiver = WebApplication.CreateBuilder();
        receiver.Logging.ClearProviders();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hook = receiver.Build();
        hook.MapPost("/hook", async (HttpRequest request) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                return Results.StatusCode(503);
            received.Enqueue((request.Headers["Idempotency-Key"].ToString(), await JsonSerializer.DeserializeAsync<JsonElement>(request.Body)));
            return Results.NoContent();
        });
        await hook.StartAsync();

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 3, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        await using var server = await TestServer.StartAsync(
            database, await databases.NewDatabaseAsync(database),
            configure: Background.OnFakeTime(time, new() { ["Outbox:WebhookUrl"] = $"{hook.Urls.First()}/hook" }));
        var number = (await server.CreateAsync(Api.FaultRepair())).Str("number");

        // The repair dispatch clock warns after a minute; the first post fails.
        time.Advance(TimeSpan.FromSeconds(61));
        await server.DrainClocksAsync();
        await server.DeliverOutboxAsync();
        var failed = await server.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.WorkOrderNumber == number));
        Assert.Null(failed.DeliveredAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("503", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(await server.InboxAsync("sgcc-csc", pending: false));

        // Retried a minute later (the breach has come meanwhile), it goes through, under the same key so the receiver can tell a repeat.
        time.Advance(TimeSpan.FromMinutes(2));
        await server.DrainClocksAsync();
        await server.DeliverOutboxAsync();
        var warning = Assert.Single(received, r => r.Body.GetProperty("topic").GetString() == "clock.warned");
        Assert.Equal(failed.Id.ToString(), warning.Key);
        Assert.Equal(number, warning.Body.GetProperty("workOrderNumber").GetString());
        Assert.Contains(await server.InboxAsync("sgcc-csc", pending: false), n => n.Str("topic") == "clock.warned");
    }
}
