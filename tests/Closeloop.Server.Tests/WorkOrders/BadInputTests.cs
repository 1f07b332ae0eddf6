using System.Net;
using System.Net.Http.Json;
using System.Text;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.WorkOrders;

[Collection(nameof(Alone))]
public sealed class BadInputTests(Databases databases)
{
    private static readonly string TooLong = new('电', 2001);

    public static TheoryData<string, string, string> BadCreates => new()
    {
        // database, body, the field the answer must name
        { Databases.Sqlite, """{"channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x"}""", "type" },
        { Databases.Postgres, """{"type":"gossip","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x"}""", "type" },
        { Databases.Sqlite, """{"type":"consultation","channel":"pigeon","customer":{"name":"张三","phone":"13812345678"},"content":"x"}""", "channel" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"12345"},"content":"x"}""", "customer.phone" },
        { Databases.Sqlite, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678"}}""", "content" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"","phone":"13812345678"},"content":"x"}""", "customer.name" },
        { Databases.Sqlite, """{"type":"consultation","channel":"phone","content":"x"}""", "customer" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x","acceptingUnit":"mars"}""", "acceptingUnit" },
        { Databases.Sqlite, """{"type":"serviceRequest","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x"}""", "subtype" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x","grade":"urgent"}""", "grade" },
        { Databases.Sqlite, """{"type":"complaint","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x","grade":"apocalyptic"}""", "grade" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678","areaCode":"32A"},"content":"x"}""", "customer.areaCode" },
        { Databases.Sqlite, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678","class":"royal"},"content":"x"}""", "customer.class" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x","priority":9}""", "priority" },
        { Databases.Sqlite, """{"type":"consultation","channel":7,"customer":{"name":"张三","phone":"13812345678"},"content":"x"}""", "channel" },
        { Databases.Postgres, """{"type":"consultation","channel":"phone","customer":{"name":"张三","phone":"13812345678"},"content":"x","attachments":[{"fileName":"a.jpg"}]}""", "attachments[0].contentType" },
        { Databases.Sqlite, """{"type":"consultation", "channel":""", "channel" },
        { Databases.Postgres, "", "body" },
        { Databases.Sqlite, "[1,2,3]", "body" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_create_answers_400_naming_the_field_and_writes_nothing(string database, string body, string field)
    {
        var server = await databases.SharedAsync(database);
        var before = await server.QueryAsync(db => db.WorkOrders.CountAsync());

        using var response = await server.Client.PostAsync("/api/work-orders", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected '{field}' in {problem}");
        Assert.Equal(before, await server.QueryAsync(db => db.WorkOrders.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Content_over_the_presets_limit_is_refused_and_a_unit_may_tighten_it(string database)
    {
        var server = await databases.SharedAsync(database);

        using var national = await server.Client.PostAsJsonAsync("/api/work-orders", Api.Consultation(TooLong));
        Assert.Equal(HttpStatusCode.BadRequest, national.StatusCode);
        Assert.Contains("2000", (await TestServer.ReadJsonAsync(national)).GetProperty("errors").GetProperty("content")[0].GetString());

        // Zhejiang allows 1,500 characters; 1,600 pass nationally but not there.
        var mid = new string('电', 1600);
        using var zhejiang = await server.Client.PostAsJsonAsync("/api/work-orders", Api.Consultation(mid, acceptingUnit: "zj-hz"));
        Assert.Equal(HttpStatusCode.BadRequest, zhejiang.StatusCode);
        using var jiangsu = await server.Client.PostAsJsonAsync("/api/work-orders", Api.Consultation(mid, acceptingUnit: "js-nj"));
        Assert.Equal(HttpStatusCode.Created, jiangsu.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_bad_action_body_or_If_Match_answers_400_and_writes_nothing(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("bad action " + Api.Marker()))).Str("id");

        using var noUnit = await server.ActAsync(id, "dispatch", new { });
        using var badJson = await server.Client.PostAsync($"/api/work-orders/{id}/dispatch", new StringContent("{\"unit\":", Encoding.UTF8, "application/json"));
        using var badTag = await server.ActAsync(id, "dispatch", new { unit = "js-nj-jn" }, ifMatch: "yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(noUnit)).GetProperty("errors").TryGetProperty("unit", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(badTag)).GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.Equal(1, (await server.GetOrderAsync(id)).GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Bad_list_filters_answer_400_naming_the_parameter(string database)
    {
        var server = await databases.SharedAsync(database);

        foreach (var (query, field) in new[]
                 {
                     ("limit=0", "limit"), ("limit=1000", "limit"), ("unit=atlantis", "unit"), ("channel=pigeon", "channel"),
                     ("type=gossip", "type"), ("after=not-a-cursor", "after"), ("createdFrom=2026-02-01&createdTo=2026-01-01", "createdTo"),
                 })
        {
            using var response = await server.Client.GetAsync($"/api/work-orders?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await TestServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), query);
        }
        using var badDate = await server.Client.GetAsync("/api/work-orders?createdFrom=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("createdFrom", await badDate.Content.ReadAsStringAsync());
    }
}
