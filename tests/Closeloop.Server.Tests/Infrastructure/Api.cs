using System.Net.Http.Json;
using System.Text.Json;

namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>What the tests send, kept in one place so each test says only what differs.</summary>
public static class Api
{
    public static object Consultation(string content, string phone = "13812345678", string? acceptingUnit = null, string channel = "phone") => new
    {
        type = "consultation",
        channel,
        customer = new { name = "张三丰", phone, customerNumber = "3201150001", address = "江苏省南京市江宁区天元中路88号", areaCode = "320115", @class = "resident" },
        content,
        acceptingUnit,
    };

    /// <summary>A fault reported by phone, graded urgent at intake.</summary>
    public static object FaultRepair(string content = "整栋楼停电") => new
    {
        type = "faultRepair",
        channel = "phone",
        customer = new { name = "李四", phone = "13900001111" },
        content,
        grade = "urgent",
    };

    /// <summary>A general complaint from Jiangning, where routing takes it through the Jiangsu centre.</summary>
    public static object Complaint(string content) => new
    {
        type = "complaint",
        channel = "phone",
        customer = new { name = "张三丰", phone = "13812345678", areaCode = "320115" },
        content = $"{content} {Marker()}",
        grade = "general",
    };

    /// <summary>The steps that take a 95598 complaint down to the Jiangning county company and back up to its callback, awaiting the finding.</summary>
    public static IReadOnlyList<(string Action, object Body)> ComplaintToCallback { get; } =
    [
        ("dispatch", new { unit = "js-csc", grade = "general", reason = "江苏省内" }),
        ("receive", new { }),
        ("forward", new { unit = "js-nj-jn", reason = "江宁供电" }),
        ("receive", new { }),
        ("contact", new { comment = "已联系客户" }),
        ("handle", new { comment = "已批评教育抄表员" }),
        ("review", new { }),
        ("review", new { }),
        ("callback", new { comment = "客户基本满意" }),
    ];

    public static Task<JsonElement> CreateAsync(this TestServer server, object request, string? idempotencyKey = null) =>
        server.Client.CreateAsync(request, idempotencyKey);

    public static async Task<JsonElement> CreateAsync(this HttpClient client, object request, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/work-orders") { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(message);
        var body = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"create answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> ActAsync(this TestServer server, string key, string action, object body, string? ifMatch = null) =>
        server.Client.ActAsync(key, action, body, ifMatch);

    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, string key, string action, object body, string? ifMatch = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/work-orders/{key}/{action}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(message);
    }

    public static Task<JsonElement> ActOkAsync(this TestServer server, string key, string action, object body) => server.Client.ActOkAsync(key, action, body);

    public static async Task<JsonElement> ActOkAsync(this HttpClient client, string key, string action, object body)
    {
        using var response = await client.ActAsync(key, action, body);
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<JsonElement> GetOrderAsync(this TestServer server, string key)
    {
        using var response = await server.Client.GetAsync($"/api/work-orders/{key}");
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"get answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static string Str(this JsonElement json, string property) => json.GetProperty(property).GetString()!;

    /// <summary>A marker to put in content so a test finds exactly its own orders on a shared server.</summary>
    public static string Marker() => $"mk{Guid.NewGuid():N}"[..14];
}
