using System.Net;
using System.Text.RegularExpressions;
using Closeloop.Server.People;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Web;

public sealed class WebUiTests(Databases databases)
{
    [Fact]
    public async Task The_sign_in_page_is_open_to_all_and_every_other_page_sends_a_stranger_to_it()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);
        using var client = NoRedirects(server);

        using var signIn = await client.GetAsync("/signin");
        using var home = await client.GetAsync("/");
        using var people = await client.GetAsync("/people");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("<h1 id=\"signin-title\">登录</h1>", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/signin?ReturnUrl=%2F", home.Headers.Location!.PathAndQuery);
        Assert.Equal("/signin?ReturnUrl=%2Fpeople", people.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Sign_in_form_posts_are_limited_per_address_but_looking_at_the_page_is_not()
    {
        await using var server = await TestServer.StartAsync(
            Databases.Sqlite, await databases.NewDatabaseAsync(Databases.Sqlite), settings: ["--SignIn:AttemptsPerMinute=2"]);
        using var client = NoRedirects(server);

        var looks = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var page = await client.GetAsync("/signin");
            looks.Add(page.StatusCode);
        }
        var attempts = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            attempts.Add(await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "signin" })));

        Assert.All(looks, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.NotEqual(HttpStatusCode.Redirect, attempts[1].StatusCode);
        Assert.Equal("/signin?tooMany=true", attempts[2].Headers.Location!.OriginalString);
        attempts.ForEach(a => a.Dispose());
    }

    [Theory]
    [InlineData("/people", "/people")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task The_language_switch_remembers_the_choice_and_returns_only_to_this_site(string returnUrl, string location)
    {
        var server = await databases.SharedAsync(Databases.Sqlite);
        using var client = NoRedirects(server);

        using var response = await client.GetAsync($"/culture?name=en&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_and_out_by_form_needs_the_forms_anti_forgery_token()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);
        var password = Passwords.Generate();
        await server.QueryAsync(db =>
        {
            db.Users.Add(ManagePeople.New("web.form", "web.form", "js-nj-jn", ["handler"], password, DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });
        using var client = NoRedirects(server);
        var fields = new Dictionary<string, string> { ["_handler"] = "signin", ["Form.UserName"] = "web.form", ["Form.Password"] = password };

        using var forged = await client.PostAsync("/signin", new FormUrlEncodedContent(fields));
        fields["__RequestVerificationToken"] = await FormTokenAsync(client, "/signin");
        using var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent(fields));
        using var forgedOut = await client.PostAsync("/signout", new FormUrlEncodedContent([]));
        using var home = await client.GetAsync("/");
        using var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = await FormTokenAsync(client, "/") }));
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, forgedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("/signin", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Every_workbench_page_answers_with_its_heading_on_either_database(string database)
    {
        // PostgreSQL answers every query asynchronously, so a page renders once before its data has
        // arrived: this is where a page that assumes its data is there fails.
        var server = await databases.SharedAsync(database);
        var password = Passwords.Generate();
        var userName = $"web.{Guid.NewGuid():N}"[..16];
        await server.QueryAsync(db =>
        {
            db.Users.Add(ManagePeople.New(userName, userName, "sgcc", ["administrator", "agent", "dispatcher", "manager", "supervisor"], password, DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });
        var number = (await server.CreateAsync(Api.Consultation("页面巡检"))).Str("number");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Anonymous.BaseAddress };
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Form.UserName"] = userName,
            ["Form.Password"] = password,
            ["__RequestVerificationToken"] = await FormTokenAsync(client, "/signin"),
        };
        using var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent(fields));
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);

        foreach (var path in new[] { "/", "/intake", "/queue", $"/orders/{number}", "/overview", "/org", "/org/units/js-nj-jn", "/people", "/presets", "/account" })
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.Matches("<h1[^>]*>[^<]+", html);
        }
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    private static HttpClient NoRedirects(TestServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Anonymous.BaseAddress };
}
