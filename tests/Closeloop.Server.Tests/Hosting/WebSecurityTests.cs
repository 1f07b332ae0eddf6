using System.Net;
using System.Net.Http.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Hosting;

public sealed class WebSecurityTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Every_answer_carries_the_security_headers(string database)
    {
        var server = await databases.SharedAsync(database);
        using var api = await server.Client.GetAsync("/api/work-orders?limit=1");
        using var refused = await server.Anonymous.GetAsync("/api/work-orders");

        foreach (var response in new[] { api, refused })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_per_minute()
    {
        await using var server = await TestServer.StartAsync(
            Databases.Sqlite, await databases.NewDatabaseAsync(Databases.Sqlite), settings: ["--SignIn:AttemptsPerMinute=3"]);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await server.Anonymous.PostAsJsonAsync("/api/auth/tokens", new { userName = "agent", password = "guess-" + i, name = "x" });
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task A_person_calling_the_api_too_often_is_slowed_down()
    {
        await using var server = await TestServer.StartAsync(
            Databases.Sqlite, await databases.NewDatabaseAsync(Databases.Sqlite), settings: ["--SignIn:RequestsPerMinute=5"]);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await server.Client.GetAsync("/api/auth/me");
            answers.Add(response.StatusCode);
        }

        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }
}
