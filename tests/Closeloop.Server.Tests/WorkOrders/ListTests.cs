using System.Net;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class ListTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Pages_follow_each_other_newest_first_without_gaps_or_repeats(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        var numbers = new List<string>();
        for (var i = 0; i < 7; i++)
            numbers.Add((await server.CreateAsync(Api.Consultation($"page {i} {marker}"))).Str("number"));

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(server, $"q={marker}&limit=3" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.Str("number")));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.Str("next");
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        numbers.Reverse();
        Assert.Equal(numbers, seen);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Filters_narrow_the_list_to_what_was_asked(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        var byPhone = (await server.CreateAsync(Api.Consultation($"a {marker}"))).Str("number");
        var byApp = (await server.CreateAsync(Api.Consultation($"b {marker}", channel: "weChat"))).Str("number");
        var dispatched = (await server.CreateAsync(Api.Consultation($"c {marker}"))).Str("id");
        await server.ActOkAsync(dispatched, "dispatch", new { unit = "js-csc" });
        var archived = (await server.CreateAsync(Api.Consultation($"d {marker}"))).Str("id");
        await server.ActOkAsync(archived, "resolve", new { comment = "答复" });
        await server.ActOkAsync(archived, "archive", new { });

        Assert.Equal([byApp], Numbers(await ListAsync(server, $"q={marker}&channel=weChat")));
        Assert.Equal(3, Numbers(await ListAsync(server, $"q={marker}&open=true")).Count);
        Assert.Single(Numbers(await ListAsync(server, $"q={marker}&status=archived")));
        Assert.Equal(2, Numbers(await ListAsync(server, $"q={marker}&status=dispatched,archived")).Count);
        Assert.Single(Numbers(await ListAsync(server, $"q={marker}&unit=js-csc")));
        Assert.Single(Numbers(await ListAsync(server, $"q={marker}&unit=js&subtree=true")));
        Assert.Empty(Numbers(await ListAsync(server, $"q={marker}&unit=js")));
        Assert.Equal(4, Numbers(await ListAsync(server, $"q={marker}&type=consultation")).Count);
        Assert.Contains(byPhone, Numbers(await ListAsync(server, $"q={marker}&createdFrom=2000-01-01T00:00:00Z")));
        Assert.Empty(Numbers(await ListAsync(server, $"q={marker}&createdTo=2000-01-01T00:00:00Z")));
        var item = (await ListAsync(server, $"q={marker}&channel=weChat")).GetProperty("items")[0];
        Assert.Equal("138****5678", item.Str("customerPhone"));
    }

    private static async Task<JsonElement> ListAsync(TestServer server, string query)
    {
        using var response = await server.Client.GetAsync($"/api/work-orders?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestServer.ReadJsonAsync(response);
    }

    private static List<string> Numbers(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(o => o.Str("number"))];
}
