using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Clocks;
using Closeloop.Server.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>The server's background work (clock runner, outbox sender) driven from tests on a fake clock.</summary>
public static class Background
{
    /// <summary>Runs the server on <paramref name="time"/>, with extra settings.</summary>
    public static Action<WebApplicationBuilder> OnFakeTime(FakeTimeProvider time, Dictionary<string, string?>? settings = null) => builder =>
    {
        builder.Services.AddSingleton<TimeProvider>(time);
        foreach (var (key, value) in settings ?? [])
            builder.Configuration[key] = value;
    };

    /// <summary>
    /// Fires everything due until nothing is left: a sweep that finds nothing may only mean another
    /// sweep (another node's, or the background runner's) holds the rest and is still firing it.
    /// </summary>
    public static async Task DrainClocksAsync(this TestServer server)
    {
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        while (await server.Services.GetRequiredService<ClockRunner>().SweepAsync(CancellationToken.None) > 0
               || await server.QueryAsync(db => db.Clocks.AnyAsync(c => c.NextFireAt <= now)))
            await Task.Delay(10);
    }

    /// <summary>Sends until every message that may go now has been tried, whichever sender took it.</summary>
    public static async Task DeliverOutboxAsync(this TestServer server)
    {
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        while (await server.Services.GetRequiredService<OutboxSender>().SendAsync(CancellationToken.None) > 0
               || await server.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.DeliveredAt == null && m.DeliverAfter <= now)))
            await Task.Delay(10);
    }

    public static async Task<List<JsonElement>> InboxAsync(this TestServer server, string unit, bool pending) =>
        [.. (await server.Client.GetFromJsonAsync<JsonElement>($"/api/notifications?unit={unit}&pending={(pending ? "true" : "false")}&limit=200")).EnumerateArray()];
}
