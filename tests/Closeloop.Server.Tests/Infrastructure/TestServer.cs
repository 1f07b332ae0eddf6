using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Closeloop.Server.Hosting;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Builder;
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

    private readonly WebApplication _app;

    private TestServer(WebApplication app, string database, string connectionString)
    {
        _app = app;
        Database = database;
        ConnectionString = connectionString;
        Client = new HttpClient { BaseAddress = new Uri(app.Addresses().First()) };
    }

    public string Database { get; }

    public string ConnectionString { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="presetsDir">Another presets folder than the shipped one.</param>
    public static async Task<TestServer> StartAsync(
        string database, string connectionString, string preset = "sgcc-95598", Action<WebApplicationBuilder>? configure = null, string? presetsDir = null)
    {
        var app = CloseloopApp.Build(
            ["--urls=http://127.0.0.1:0", $"--database={connectionString}", $"--preset={preset}", .. presetsDir is null ? Array.Empty<string>() : [$"--presets-dir={presetsDir}"]],
            builder =>
            {
                builder.Logging.ClearProviders();
                configure?.Invoke(builder);
            });
        await app.PrepareAsync();
        await app.StartAsync();
        return new TestServer(app, database, connectionString);
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
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public override string ToString() => Database;
}
