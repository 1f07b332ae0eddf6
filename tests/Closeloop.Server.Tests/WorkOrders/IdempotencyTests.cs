using System.Net;
using System.Net.Http.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class IdempotencyTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_retried_create_with_the_same_key_returns_the_same_order(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        var key = Guid.NewGuid().ToString();

        var first = await server.CreateAsync(Api.Consultation("retry " + marker), key);
        var second = await server.CreateAsync(Api.Consultation("retry " + marker), key);

        Assert.Equal(first.Str("id"), second.Str("id"));
        Assert.Equal(first.Str("number"), second.Str("number"));
        Assert.Equal(1, await server.QueryAsync(db => db.WorkOrders.CountAsync(o => o.Content.Contains(marker))));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Simultaneous_retries_with_one_key_create_one_order(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        var key = Guid.NewGuid().ToString();

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => server.CreateAsync(Api.Consultation("storm " + marker), key)));

        Assert.Single(created.Select(c => c.Str("id")).Distinct());
        Assert.Equal(1, await server.QueryAsync(db => db.WorkOrders.CountAsync(o => o.Content.Contains(marker))));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_key_reused_for_a_different_request_is_refused(string database)
    {
        var server = await databases.SharedAsync(database);
        var key = Guid.NewGuid().ToString();
        await server.CreateAsync(Api.Consultation("first " + Api.Marker()), key);

        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/work-orders") { Content = JsonContent.Create(Api.Consultation("other " + Api.Marker())) };
        message.Headers.Add("Idempotency-Key", key);
        using var response = await server.Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Idempotency-Key", (await TestServer.ReadJsonAsync(response)).Str("field"));
    }
}
