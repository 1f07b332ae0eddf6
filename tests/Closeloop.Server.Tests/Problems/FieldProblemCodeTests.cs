using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Problems;

/// <summary>A 400 answer keeps its English <c>errors</c> and names each problem by code and arguments in <c>problems</c>.</summary>
public sealed class FieldProblemCodeTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_bad_phone_number_is_named_by_code_with_the_value_beside_the_english_text(string database)
    {
        var server = await databases.SharedAsync(database);

        var problem = await RefusedAsync(server, Api.Consultation("电话号码不对", phone: "123"));

        Assert.Equal("'123' is not a mainland China mobile or fixed-line number", problem.GetProperty("errors").GetProperty("customer.phone")[0].GetString());
        var coded = Only(problem, "customer.phone");
        Assert.Equal("phoneNumber", coded.Str("code"));
        Assert.Equal("123", coded.GetProperty("args").Str("value"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Content_over_the_limit_is_named_by_code_with_the_limit_and_its_length(string database)
    {
        var server = await databases.SharedAsync(database);

        var problem = await RefusedAsync(server, Api.Consultation(new string('电', 2001)));

        Assert.Equal("must be at most 2000 characters (is 2001)", problem.GetProperty("errors").GetProperty("content")[0].GetString());
        var coded = Only(problem, "content");
        Assert.Equal("maxLength", coded.Str("code"));
        Assert.Equal((2000, 2001), (coded.GetProperty("args").GetProperty("max").GetInt32(), coded.GetProperty("args").GetProperty("length").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_unknown_business_type_is_named_by_code_with_the_known_types(string database)
    {
        var server = await databases.SharedAsync(database);

        var problem = await RefusedAsync(server, new { type = "gossip", channel = "phone", customer = new { name = "张三", phone = "13812345678" }, content = "x" });

        var coded = Only(problem, "type");
        Assert.Equal("oneOf", coded.Str("code"));
        Assert.Equal("gossip", coded.GetProperty("args").Str("value"));
        var known = coded.GetProperty("args").GetProperty("known").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("consultation", known);
        Assert.Contains("complaint", known);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_return_without_its_reason_is_named_by_the_required_code(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("退回缺少原因 " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });

        using var response = await server.ActAsync(id, "return", new { });
        var problem = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("'return' needs a reason", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        var coded = Only(problem, "reason");
        Assert.Equal("required", coded.Str("code"));
        Assert.Empty(coded.GetProperty("args").EnumerateObject());
    }

    private static async Task<JsonElement> RefusedAsync(TestServer server, object request)
    {
        using var response = await server.Client.PostAsJsonAsync("/api/work-orders", request);
        var problem = await TestServer.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return problem;
    }

    private static JsonElement Only(JsonElement problem, string field) => Assert.Single(problem.GetProperty("problems").GetProperty(field).EnumerateArray());
}
