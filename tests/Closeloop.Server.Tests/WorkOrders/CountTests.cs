using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class CountTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Counts_follow_each_order_by_unit_status_and_type_before_and_after_folding(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var a = (await server.CreateAsync(Api.Consultation("count a"))).Str("id");
        var b = (await server.CreateAsync(Api.Consultation("count b"))).Str("id");
        await server.CreateAsync(Api.Consultation("count c"));
        await server.ActOkAsync(a, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(b, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(b, "receive", new { });

        await AssertCountsAsync(server);
        await server.QueryAsync(db => db.FoldCountDeltasAsync(CancellationToken.None));
        Assert.Equal(0, await server.QueryAsync(db => Task.FromResult(db.WorkOrderCountDeltas.Count())));
        await AssertCountsAsync(server);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Counts_of_an_unknown_unit_are_refused(string database)
    {
        var server = await databases.SharedAsync(database);

        using var response = await server.Client.GetAsync("/api/work-orders/counts?unit=atlantis");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task AssertCountsAsync(TestServer server)
    {
        var everyone = await CountsAsync(server, "");
        var county = await CountsAsync(server, "?unit=js-csc");
        var jiangsu = await CountsAsync(server, "?unit=js&subtree=true");
        var centre = await CountsAsync(server, "?unit=sgcc-csc");

        Assert.Equal(3, everyone.GetProperty("total").GetInt64());
        Assert.Equal(3, everyone.GetProperty("byType").GetProperty("consultation").GetInt64());
        Assert.Equal(1, county.GetProperty("byStatus").GetProperty("dispatched").GetInt64());
        Assert.Equal(1, county.GetProperty("byStatus").GetProperty("inProgress").GetInt64());
        Assert.Equal(2, jiangsu.GetProperty("total").GetInt64());
        Assert.Equal(1, centre.GetProperty("total").GetInt64());
        Assert.False(centre.GetProperty("byStatus").TryGetProperty("dispatched", out _));
    }

    private static async Task<JsonElement> CountsAsync(TestServer server, string query) =>
        await server.Client.GetFromJsonAsync<JsonElement>($"/api/work-orders/counts{query}");
}
