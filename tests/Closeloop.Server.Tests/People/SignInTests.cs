using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.People;

public sealed class SignInTests(Databases databases)
{
    private static readonly string[] Agent = ["agent"];
    private static readonly string[] Handler = ["handler"];
    private static readonly string[] Emperor = ["emperor"];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_first_start_makes_one_demo_account_per_role_whose_password_signs_in_once_shown(string database)
    {
        await using var server = await databases.StartFreshAsync(database);

        Assert.Equal(server.Rulebook.Roles.Keys.Order(), server.FirstAccounts.SelectMany(a => a.Roles).Distinct().Order());
        var agent = server.FirstAccounts.Single(a => a.UserName == "agent");
        Assert.Equal(16, agent.Password.Length);
        using var issued = await server.Anonymous.PostAsJsonAsync("/api/auth/tokens", new { userName = "agent", password = agent.Password, name = "laptop" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var token = (await TestServer.ReadJsonAsync(issued)).Str("token");

        using var client = new HttpClient { BaseAddress = server.Anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(("agent", "sgcc-csc"), (me.Str("userName"), me.Str("unit")));
        Assert.Contains("dispatch", me.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // Only hashes are kept: neither the password nor the token is in the database.
        var stored = await server.QueryAsync(async db => (await db.Users.SingleAsync(u => u.UserName == "agent")).PasswordHash + string.Join(' ', await db.PersonalTokens.Select(t => t.Hash).ToListAsync()));
        Assert.DoesNotContain(agent.Password, stored);
        Assert.DoesNotContain(token, stored);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_api_answers_401_problem_json_without_a_valid_token(string database)
    {
        var server = await databases.SharedAsync(database);
        using var anonymous = await server.Anonymous.GetAsync("/api/work-orders");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/work-orders") { Headers = { Authorization = new("Bearer", "clt_not-a-token-anyone-was-given") } };
        using var forgedAnswer = await server.Anonymous.SendAsync(forged);
        using var health = await server.Anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Five_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it(string database)
    {
        var server = await databases.SharedAsync(database);
        var admin = await server.SignInAsync("lock.admin", "js", "administrator");
        using var created = await admin.PostAsJsonAsync("/api/people", new { userName = "lock.victim", displayName = "锁定测试", unit = "js-nj-jn", roles = Handler });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = (await TestServer.ReadJsonAsync(created)).Str("password");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Issue(server, "lock.victim", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var lockedOut = await Issue(server, "lock.victim", password);
        Assert.Equal(HttpStatusCode.Unauthorized, lockedOut.StatusCode);
        Assert.Contains("locked", (await TestServer.ReadJsonAsync(lockedOut)).Str("detail"));

        using var unlocked = await admin.PostAsync("/api/people/lock.victim/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        using var signedIn = await Issue(server, "lock.victim", password);
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);

        var trail = await server.QueryAsync(db => db.AuditTrail.Where(e => e.Subject == "person:lock.victim").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["person.create", "signIn.failed", "signIn.failed", "signIn.failed", "signIn.failed", "signIn.locked", "signIn.failed", "person.unlock", "signIn", "token.create"], trail);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_revoked_token_and_a_disabled_person_stop_working(string database)
    {
        var server = await databases.SharedAsync(database);
        var admin = await server.SignInAsync("revoke.admin", "sgcc", "administrator");
        using var created = await admin.PostAsJsonAsync("/api/people", new { userName = "revoke.agent", displayName = "吊销测试", unit = "sgcc-csc", roles = Agent, password = "a-long-enough-password" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await TestServer.ReadJsonAsync(created)).GetProperty("password").ValueKind);

        var first = await TokenClientAsync(server, "revoke.agent", "a-long-enough-password");
        var second = await TokenClientAsync(server, "revoke.agent", "a-long-enough-password");
        var tokens = await first.GetFromJsonAsync<JsonElement>("/api/auth/tokens");
        Assert.Equal(2, tokens.GetArrayLength());
        using var revoked = await first.DeleteAsync($"/api/auth/tokens/{tokens[0].Str("id")}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var afterRevoke = await first.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        using var otherStillWorks = await second.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, otherStillWorks.StatusCode);

        using var disabled = await admin.PostAsync("/api/people/revoke.agent/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        using var afterDisable = await second.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        using var noNewToken = await Issue(server, "revoke.agent", "a-long-enough-password");
        Assert.Equal(HttpStatusCode.Unauthorized, noNewToken.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_administrator_manages_only_people_of_their_subtree_with_roles_the_preset_knows(string database)
    {
        var server = await databases.SharedAsync(database);
        var admin = await server.SignInAsync("manage.admin", "js-nj", "administrator");

        using var outside = await admin.PostAsJsonAsync("/api/people", new { userName = "manage.far", displayName = "远方", unit = "zj-hz", roles = Agent });
        using var badRole = await admin.PostAsJsonAsync("/api/people", new { userName = "manage.role", displayName = "角色", unit = "js-nj-jn", roles = Emperor });
        using var badName = await admin.PostAsJsonAsync("/api/people", new { userName = "Ü ber", displayName = "名字", unit = "js-nj-jn", roles = Agent });
        using var shortPassword = await admin.PostAsJsonAsync("/api/people", new { userName = "manage.pw", displayName = "密码", unit = "js-nj-jn", roles = Agent, password = "short" });

        Assert.Equal("unit", Field(await TestServer.ReadJsonAsync(outside)));
        Assert.Equal("roles", Field(await TestServer.ReadJsonAsync(badRole)));
        Assert.Equal("userName", Field(await TestServer.ReadJsonAsync(badName)));
        Assert.Equal("password", Field(await TestServer.ReadJsonAsync(shortPassword)));
        Assert.False(await server.QueryAsync(db => db.Users.AnyAsync(u => u.UserName.StartsWith("manage.") && u.UserName != "manage.admin")));

        using var someoneElsewhere = await admin.PostAsync("/api/people/tester/unlock", null);
        Assert.Equal(HttpStatusCode.NotFound, someoneElsewhere.StatusCode);
        using var moved = await admin.PatchAsJsonAsync("/api/people/manage.admin", new { unit = "zj" });
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
    }

    private static string Field(JsonElement problem) => Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;

    private static Task<HttpResponseMessage> Issue(TestServer server, string userName, string password) =>
        server.Anonymous.PostAsJsonAsync("/api/auth/tokens", new { userName, password, name = "test" });

    private static async Task<HttpClient> TokenClientAsync(TestServer server, string userName, string password)
    {
        using var issued = await Issue(server, userName, password);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var client = new HttpClient { BaseAddress = server.Anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await TestServer.ReadJsonAsync(issued)).Str("token"));
        return client;
    }
}
