using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Storage;
using Closeloop.Server.Tests.Infrastructure;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
    public async Task Upgrading_a_database_from_its_first_schema_keeps_its_orders_and_counts_them(string database)
    {
        var connectionString = await databases.NewDatabaseAsync(database);
        var id = Guid.NewGuid();

        // A database made by the first release, holding one order written in that release's columns…
        await WithDbAsync(connectionString, async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
            var intake = new WorkOrderIntake(
                "20260105000041", "consultation", null, Channel.Phone, new Customer("周八", PhoneNumber.Parse("13700001111"), null, null, null, null),
                "升级前受理的工单", null, "sgcc-csc", CurrentRuleVersion);
            var at = new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);
            object instant = db is SqliteCloseloopDb ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)! : at;
            var (_, accepted) = WorkOrder.Accept(id, intake, Lifecycle(), "agent.old", at);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO work_orders (id, number, type, channel, content, accepting_unit, responsible_unit, route, status, rule_version,
                    created_at, updated_at, version, customer_name, customer_phone)
                VALUES ({0}, {1}, 'consultation', 'Phone', {2}, 'sgcc-csc', 'sgcc-csc', 'sgcc-csc', 'accepted', {3}, {4}, {4}, 1, '周八', '13700001111')
                """,
                id, intake.Number, intake.Content, intake.RuleVersion, instant);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO work_order_events (work_order_id, sequence, action, to_status, actor, at, attachments, changes)
                VALUES ({0}, 1, 'accept', 'accepted', 'agent.old', {1}, '[]', {2})
                """,
                id, instant, StorageJson.Write(accepted.Changes));
            return 0;
        });

        // …is brought up to date when the new release starts: the order is still there, counted, and workable.
        await using var server = await TestServer.StartAsync(database, connectionString);
        Assert.Empty(await server.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
        var kept = await server.GetOrderAsync("20260105000041");
        Assert.Equal("升级前受理的工单", kept.Str("content"));
        var counts = await server.Client.GetFromJsonAsync<JsonElement>("/api/work-orders/counts?unit=sgcc-csc");
        Assert.Equal(1, counts.GetProperty("byStatus").GetProperty("accepted").GetInt64());
    }

    private static string CurrentRuleVersion =>
        Closeloop.Server.Presets.PresetLoader.Load(Path.Combine(AppContext.BaseDirectory, "presets"), "sgcc-95598").Rulebook.RuleVersion;

    private static Lifecycle Lifecycle() =>
        new("closed-loop", "accepted", ["archived"], [new("accepted", new("已受理", "Accepted")), new("archived", new("已归档", "Archived"))], []);

    private static async Task<T> WithDbAsync<T>(string connectionString, Func<CloseloopDb, Task<T>> work)
    {
        CloseloopDb db = Database.IsPostgres(connectionString)
            ? new PostgresCloseloopDb(new DbContextOptionsBuilder<PostgresCloseloopDb>().UseNpgsql(connectionString).Options)
            : new SqliteCloseloopDb(new DbContextOptionsBuilder<SqliteCloseloopDb>().UseSqlite(connectionString).Options);
        await using (db)
            return await work(db);
    }
}
