using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.Storage;

public sealed class HistoryTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_database_refuses_to_change_or_delete_a_step_of_the_history(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = Guid.Parse((await server.CreateAsync(Api.Consultation("append only " + Api.Marker()))).Str("id"));

        var update = await Record.ExceptionAsync(() => server.QueryAsync(db =>
            db.WorkOrderEvents.Where(e => e.WorkOrderId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone.else"))));
        var delete = await Record.ExceptionAsync(() => server.QueryAsync(db =>
            db.WorkOrderEvents.Where(e => e.WorkOrderId == id).ExecuteDeleteAsync()));

        Assert.Contains("append-only", update?.Message + update?.InnerException?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message + delete?.InnerException?.Message, StringComparison.Ordinal);
        var history = (await server.GetOrderAsync(id.ToString())).GetProperty("history");
        Assert.Equal(TestServer.Tester, Assert.Single(history.EnumerateArray()).Str("actor"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_database_refuses_to_change_or_delete_who_changed_the_rules(string database)
    {
        var server = await databases.SharedAsync(database);

        var update = await Record.ExceptionAsync(() => server.QueryAsync(db =>
            db.RuleVersionChanges.ExecuteUpdateAsync(s => s.SetProperty(c => c.Actor, "someone.else"))));
        var delete = await Record.ExceptionAsync(() => server.QueryAsync(db => db.RuleVersionChanges.ExecuteDeleteAsync()));

        Assert.Contains("append-only", update?.Message + update?.InnerException?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message + delete?.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal("preset", await server.QueryAsync(db => db.RuleVersionChanges.Select(c => c.Actor).FirstAsync()));
    }
}
