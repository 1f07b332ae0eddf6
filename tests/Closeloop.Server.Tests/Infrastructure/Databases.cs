using Microsoft.Data.Sqlite;

namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>
/// The databases every storage and API test runs on: SQLite and a throwaway PostgreSQL cluster.
/// One server per database is shared by the assembly; tests that need an empty database start their own.
/// </summary>
public sealed class Databases : IAsyncLifetime
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string _folder = Directory.CreateTempSubdirectory("closeloop-tests-").FullName;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Task<TestServer>> _shared = [];
    private PostgresCluster? _cluster;

    public static TheoryData<string> All => [Sqlite, Postgres];

    /// <summary>The server shared by all tests on <paramref name="database"/>; tests must use data of their own.</summary>
    public async Task<TestServer> SharedAsync(string database)
    {
        Task<TestServer> server;
        await _gate.WaitAsync();
        try
        {
            if (!_shared.TryGetValue(database, out server!))
                _shared[database] = server = StartFreshAsync(database);
        }
        finally
        {
            _gate.Release();
        }
        return await server;
    }

    /// <summary>A server on a new, empty database; the caller disposes it.</summary>
    public async Task<TestServer> StartFreshAsync(string database, string preset = "sgcc-95598", Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null) =>
        await TestServer.StartAsync(database, await NewDatabaseAsync(database), preset, configure);

    /// <summary>The connection string of a new, empty database.</summary>
    public async Task<string> NewDatabaseAsync(string database)
    {
        switch (database)
        {
            case Sqlite:
                return new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, $"{Guid.NewGuid():N}.db") }.ToString();
            case Postgres:
                await _gate.WaitAsync();
                try
                {
                    _cluster ??= await PostgresCluster.StartAsync();
                }
                finally
                {
                    _gate.Release();
                }
                return await _cluster.CreateDatabaseAsync();
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database, "sqlite or postgres");
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _shared.Values)
            await (await server).DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        _gate.Dispose();
    }
}
