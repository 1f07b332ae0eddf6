using System.Net;
using System.Net.Http.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.Org;

public sealed class OrgAuthorityTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_city_administrator_changes_only_its_own_subtree_and_every_change_is_audited(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var nanjing = await server.SignInAsync("org.nj.admin", "js-nj", "administrator");
        var manager = await server.SignInAsync("org.js.manager", "js", "manager");
        var etag = await server.ETagAsync();

        using var inside = await SendAsync(nanjing, HttpMethod.Post, "/units", etag, OrgAdmin.Change(new
        {
            code = "js-nj-jn-hall2",
            parent = "js-nj-jn",
            kind = "businessHall",
            name = new { zh = "江宁第二营业厅", en = "Jiangning Hall 2" },
        }));
        Assert.Equal(HttpStatusCode.Created, inside.StatusCode);
        etag = inside.Headers.ETag!.ToString();
        using var outside = await SendAsync(nanjing, HttpMethod.Post, "/units", etag, OrgAdmin.Change(new
        {
            code = "js-sz-new",
            parent = "js-sz",
            kind = "county",
            name = new { zh = "新区", en = "New district" },
        }));
        using var moveOut = await SendAsync(nanjing, HttpMethod.Post, "/units/js-nj-jn/move", etag, OrgAdmin.Change(new { parent = "js-sz" }));
        using var notAdmin = await SendAsync(manager, HttpMethod.Put, "/units/js-nj-jn", etag, OrgAdmin.Change(new { name = new { zh = "改名", en = "Renamed" } }));
        var readable = await manager.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/org/units/js-nj-jn-hall2");

        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("js-sz", (await TestServer.ReadJsonAsync(outside)).Str("detail"));
        Assert.Equal(HttpStatusCode.Forbidden, moveOut.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal("江宁第二营业厅", readable.GetProperty("name").Str("zh"));
        Assert.Equal(etag, await server.ETagAsync());
        var trail = await server.QueryAsync(db => db.AuditTrail.Where(e => e.Action == "org.change").Select(e => e.Actor + " " + e.Detail).ToListAsync());
        Assert.StartsWith("org.nj.admin org change of 2026 — added [js-nj-jn-hall2]", Assert.Single(trail), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string etag, object body)
    {
        using var message = new HttpRequestMessage(method, "/api/org" + path) { Content = JsonContent.Create(body) };
        message.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(message);
    }
}
