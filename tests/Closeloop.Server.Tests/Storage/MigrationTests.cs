using Closeloop.Server.Storage;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Closeloop.Server.Tests.Storage;

public sealed class MigrationTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_model_matches_the_migrations(string database)
    {
        var server = await databases.SharedAsync(database);

        var pending = await server.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "the model has changes no migration holds: add one with dotnet ef migrations add");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Upgrading_a_database_from_its_first_schema_keeps_its_orders(string database)
    {
        var connectionString = await databases.NewDatabaseAsync(database);
        var first = await WithDbAsync(connectionString, db => Task.FromResult(db.Database.GetMigrations().First()));

        // A database made by the first release, with an order in it…
        await WithDbAsync(connectionString, async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(first);
            var scope = "{date:yyyyMMdd}{seq:000000}|2026-01-05";
            await db.Database.ExecuteSqlAsync($"INSERT INTO number_sequences (scope, last_value) VALUES ({scope}, 41)");
            return 0;
        });
        await using (var server = await TestServer.StartAsync(database, connectionString))
        {
            // …is brought up to date when the new release starts, and keeps counting where it was.
            var order = await server.CreateAsync(Api.Consultation("after upgrade " + Api.Marker()));
            Assert.Equal(1, await server.QueryAsync(db => db.WorkOrders.CountAsync()));
            Assert.Empty(await server.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
            Assert.Equal(41, await server.QueryAsync(db => db.NumberSequences.Where(s => s.Scope.EndsWith("2026-01-05")).Select(s => s.LastValue).SingleAsync()));
            Assert.NotNull(order.Str("number"));
        }
    }

    private static async Task<T> WithDbAsync<T>(string connectionString, Func<CloseloopDb, Task<T>> work)
    {
        CloseloopDb db = Database.IsPostgres(connectionString)
            ? new PostgresCloseloopDb(new DbContextOptionsBuilder<PostgresCloseloopDb>().UseNpgsql(connectionString).Options)
            : new SqliteCloseloopDb(new DbContextOptionsBuilder<SqliteCloseloopDb>().UseSqlite(connectionString).Options);
        await using (db)
            return await work(db);
    }
}
