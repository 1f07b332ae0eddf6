using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.Org;

/// <summary>What the org tests send to <c>/api/org</c>, so each test says only what differs.</summary>
public static class OrgAdmin
{
    /// <summary>A request body with who and why filled in.</summary>
    public static object Change(object fields) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(fields))!
            .Concat(new Dictionary<string, object?> { ["reason"] = "org change of 2026" })
            .ToDictionary();

    public static async Task<(JsonElement Tree, string ETag)> TreeAsync(this TestServer server)
    {
        using var response = await server.Client.GetAsync("/api/org");
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/org answered {(int)response.StatusCode}: {json}");
        return (json, response.Headers.ETag!.ToString());
    }

    public static async Task<string> ETagAsync(this TestServer server) => (await server.TreeAsync()).ETag;

    /// <summary>Sends to the admin API with If-Match: the current ETag unless <paramref name="ifMatch"/> says otherwise ("" for none).</summary>
    public static async Task<HttpResponseMessage> OrgAsync(this TestServer server, HttpMethod method, string path, object? body = null, string? ifMatch = null, HttpContent? content = null)
    {
        using var message = new HttpRequestMessage(method, "/api/org" + path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        ifMatch ??= await server.ETagAsync();
        if (ifMatch.Length > 0)
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await server.Client.SendAsync(message);
    }

    public static async Task<JsonElement> OrgOkAsync(this TestServer server, HttpMethod method, string path, object? body = null, HttpContent? content = null)
    {
        using var response = await server.OrgAsync(method, path, body, content: content);
        var json = await TestServer.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{method} /api/org{path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<JsonElement> UnitAsync(this TestServer server, string code) =>
        await server.Client.GetFromJsonAsync<JsonElement>($"/api/org/units/{code}");

    public static StringContent File(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    /// <summary>How many rule versions and changes of the current one are stored: a refused change adds neither.</summary>
    public static Task<(int Versions, int Changes)> StoredAsync(this TestServer server) =>
        server.QueryAsync(async db => (await db.RuleVersions.CountAsync(), await db.RuleVersionChanges.CountAsync()));
}
