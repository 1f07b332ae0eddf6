using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Routing;

public sealed class SuggestionApiTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_national_centre_sends_non_repair_orders_to_the_province_and_repairs_to_the_narrowest_areas_om(string database)
    {
        var server = await databases.SharedAsync(database);

        Assert.Equal(("js-csc", "provinceCentre"), await SuggestAsync(server, "type=consultation&areaCode=320115"));
        Assert.Equal(("zj-csc", "provinceCentre"), await SuggestAsync(server, "type=serviceRequest&subtype=newConnection&areaCode=330109&customerClass=highVoltageDual"));
        Assert.Equal(("js-nj-jn-om", "repairToAreaOm"), await SuggestAsync(server, "type=faultRepair&areaCode=320115"));
        Assert.Equal(("js-nj-om", "repairToAreaOm"), await SuggestAsync(server, "type=faultRepair&areaCode=320102"));
        Assert.Equal(("js-sz-ks-mkt", "jsAreaMarketing"), await SuggestAsync(server, "type=complaint&areaCode=320583&from=js-csc"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_answer_names_the_unit_and_the_rule_and_says_why(string database)
    {
        var server = await databases.SharedAsync(database);

        var answer = await server.Client.GetFromJsonAsync<JsonElement>("/api/routing/suggestion?type=faultRepair&areaCode=320115");

        var suggestion = answer.GetProperty("suggestion");
        Assert.Equal("sgcc-csc", answer.Str("from"));
        Assert.Equal("国网南京市江宁区供电公司运检部", suggestion.GetProperty("unitName").Str("zh"));
        Assert.Equal("Fault repairs to the O&M department of the area", suggestion.GetProperty("ruleName").Str("en"));
        Assert.Equal("sent on by sgcc-csc, type faultRepair, area 320115", suggestion.Str("because"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_order_no_rule_covers_gets_no_unit(string database)
    {
        var server = await databases.SharedAsync(database);

        Assert.Equal((null, null), await SuggestAsync(server, "type=consultation&areaCode=110101"));
        Assert.Equal((null, null), await SuggestAsync(server, "type=consultation"));
    }

    [Theory]
    [InlineData("areaCode=320115", "type")]
    [InlineData("type=gossip&areaCode=320115", "type")]
    [InlineData("type=consultation&areaCode=32011", "areaCode")]
    [InlineData("type=consultation&areaCode=000115", "areaCode")]
    [InlineData("type=serviceRequest&subtype=teleport", "subtype")]
    [InlineData("type=consultation&customerClass=royalty", "customerClass")]
    [InlineData("type=consultation&from=atlantis", "from")]
    public async Task Bad_input_answers_400_naming_the_field(string query, string field)
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        using var response = await server.Client.GetAsync($"/api/routing/suggestion?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await TestServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_gas_company_sends_each_business_to_the_department_that_acts_on_it(string database)
    {
        await using var server = await databases.StartFreshAsync(database, "city-gas");

        Assert.Equal(("jc-pn", "pipelineWork"), await SuggestAsync(server, "type=repair&areaCode=420102"));
        Assert.Equal(("jc-me", "connectionWork"), await SuggestAsync(server, "type=singleProject"));
        Assert.Equal(("jc-fin", "gasSales"), await SuggestAsync(server, "type=gasSales&customerClass=resident"));
        Assert.Equal(("jc-vg", "vehicleCustomers"), await SuggestAsync(server, "type=gasSales&customerClass=vehicle"));
        Assert.Equal(("jc-so", "complaintsAndSuggestions"), await SuggestAsync(server, "type=complaint&customerClass=vehicle"));
        Assert.Equal((null, null), await SuggestAsync(server, "type=consultation"));
    }

    private static async Task<(string? Unit, string? Rule)> SuggestAsync(TestServer server, string query)
    {
        using var response = await server.Client.GetAsync($"/api/routing/suggestion?{query}");
        var answer = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {answer}");
        return answer.GetProperty("suggestion") is { ValueKind: JsonValueKind.Object } s ? (s.Str("unit"), s.Str("rule")) : (null, null);
    }
}
