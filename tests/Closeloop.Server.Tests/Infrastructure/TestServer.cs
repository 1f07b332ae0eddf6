using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Closeloop.Presets;
using Closeloop.Server.Hosting;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>A real Closeloop server on a free loopback port, over real HTTP, on one database.</summary>
public sealed class TestServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The person the plain <see cref="Client"/> signs in as: every role but auditor, at the root.</summary>
    public const string Tester = "tester";

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private TestServer(WebApplication app, string database, string connectionString, IReadOnlyList<DemoAccounts.Account> firstAccounts)
    {
        _app = app;
        Database = database;
        ConnectionString = connectionString;
        FirstAccounts = firstAccounts;
        Anonymous = NewClient(null);
        Client = null!;
    }

    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>Signed in as <see cref="Tester"/>, who may do every step anywhere in the tree.</summary>
    public HttpClient Client { get; private set; }

    /// <summary>Not signed in.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The demo accounts the first start made, with their passwords; empty on a database used before.</summary>
    public IReadOnlyList<DemoAccounts.Account> FirstAccounts { get; }

    public Rulebook Rulebook => Services.GetRequiredService<Rulebooks>().Current;

    public IServiceProvider Services => _app.Services;

    /// <param name="presetsDir">Another presets folder than the shipped one.</param>
    /// <param name="settings">Settings read while the server is composed (rate limits), as <c>--Section:Key=value</c>.</param>
    public static async Task<TestServer> StartAsync(
        string database, string connectionString, string preset = "sgcc-95598", Action<WebApplicationBuilder>? configure = null, string? presetsDir = null,
        IReadOnlyList<string>? settings = null)
    {
        // Every test signs in from 127.0.0.1: the per-address sign-in limit is for tests of its own.
        var app = CloseloopApp.Build(
            [
                "--urls=http://127.0.0.1:0", $"--database={connectionString}", $"--preset={preset}", "--SignIn:AttemptsPerMinute=100000",
                .. presetsDir is null ? Array.Empty<string>() : [$"--presets-dir={presetsDir}"], .. settings ?? [],
            ],
            builder =>
            {
                builder.Logging.ClearProviders();
                configure?.Invoke(builder);
            });
        var firstAccounts = await app.PrepareAsync();
        await app.StartAsync();
        var server = new TestServer(app, database, connectionString, firstAccounts);
        var rulebook = server.Rulebook;
        server.Client = await server.SignInAsync(
            Tester, rulebook.Org.Units.First(u => u.ParentCode is null).Code, [.. rulebook.Roles.Keys.Where(r => r != "auditor")]);
        return server;
    }

    /// <summary>
    /// A client signed in as <paramref name="userName"/> by a personal token of its own. The person is
    /// made on first use with <paramref name="unit"/> and <paramref name="roles"/>; use a name of the
    /// test's own on a shared server.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string userName, string unit, params string[] roles)
    {
        var token = Passwords.NewToken();
        await QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName);
            if (user is null)
            {
                user = ManagePeople.New(userName, userName, unit, roles, Passwords.Generate(), now);
                db.Users.Add(user);
            }
            db.PersonalTokens.Add(new PersonalToken
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Name = "tests",
                Hash = Passwords.TokenHash(token),
                Hint = token[^4..],
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
            return 0;
        });
        return NewClient(token);
    }

    private HttpClient NewClient(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_app.Addresses().First()) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> against the server's own database, to check what was (not) written.</summary>
    public async Task<T> QueryAsync<T>(Func<CloseloopDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CloseloopDb>());
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public override string ToString() => Database;
}
