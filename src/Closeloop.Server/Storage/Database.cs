using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Closeloop.Server.Storage;

/// <summary>Which database a connection string names, and how to register it.</summary>
public static class Database
{
    /// <summary>PostgreSQL when the connection string names a host, SQLite otherwise.</summary>
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddCloseloopStorage(this IServiceCollection services, string connectionString)
    {
        if (IsPostgres(connectionString))
        {
            services.AddDbContextPool<PostgresCloseloopDb>(o => o.UseNpgsql(Tuned(connectionString)));
            services.AddScoped<CloseloopDb>(sp => sp.GetRequiredService<PostgresCloseloopDb>());
            // Several nodes share the counter: reserve blocks so intakes do not queue on it.
            services.AddSingleton(new WorkOrderNumbers(blockSize: 50));
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
            if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                Directory.CreateDirectory(folder);
            services.AddDbContextPool<SqliteCloseloopDb>(o => o.UseSqlite(builder.ConnectionString));
            services.AddScoped<CloseloopDb>(sp => sp.GetRequiredService<SqliteCloseloopDb>());
            // Writes queue on one gate, so reserving in small blocks saves a second commit per create.
            services.AddSingleton(new WorkOrderNumbers(blockSize: 10));
        }
        return services;
    }

    /// <summary>A PostgreSQL connection string as the server connects with it (benchmarks time the same).</summary>
    public static string Tuned(string connectionString)
    {
        // Prepared statements save PostgreSQL parsing and planning the same few statements on every request.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    /// <summary>Brings the schema up to date; on SQLite also turns on write-ahead logging so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(CloseloopDb db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db is SqliteCloseloopDb)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
