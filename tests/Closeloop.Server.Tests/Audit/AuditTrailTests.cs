using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.Audit;

public sealed class AuditTrailTests(Databases databases)
{
    private static readonly string[] Handler = ["handler"];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_auditor_reads_every_step_and_every_change_to_people_newest_first(string database)
    {
        var server = await databases.SharedAsync(database);
        var agent = await server.SignInAsync("audit.agent", "sgcc-csc", "agent");
        var admin = await server.SignInAsync("audit.admin", "sgcc", "administrator");
        var auditor = await server.SignInAsync("audit.auditor", "sgcc", "auditor");
        var order = await agent.CreateAsync(Api.Consultation("audit " + Api.Marker()));
        await agent.ActOkAsync(order.Str("id"), "dispatch", new { unit = "js-nj-jn", reason = "直派区县" });
        using var created = await admin.PostAsJsonAsync("/api/people", new { userName = "audit.new", displayName = "新人", unit = "js-nj-jn", roles = Handler });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var steps = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?subject=workOrder:{order.Str("number")}");
        var people = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?actor=audit.admin&action=person.create");

        Assert.Equal(["workOrder.dispatch", "workOrder.accept"], steps.EnumerateArray().Select(e => e.Str("action")));
        Assert.All(steps.EnumerateArray(), e => Assert.Equal(("audit.agent", "sgcc-csc"), (e.Str("actor"), e.Str("unit"))));
        Assert.Equal("person:audit.new", Assert.Single(people.EnumerateArray()).Str("subject"));
        var loaded = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?action=rules.load");
        Assert.Contains(loaded.EnumerateArray(), e => e.Str("actor") == "system" && e.Str("subject").StartsWith("rules:sgcc-95598@", StringComparison.Ordinal));
        using var notAnAuditor = await agent.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, notAnAuditor.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_database_refuses_to_change_or_delete_the_audit_trail(string database)
    {
        var server = await databases.SharedAsync(database);
        await server.CreateAsync(Api.Consultation("append-only " + Api.Marker()));

        await Assert.ThrowsAnyAsync<Exception>(() => server.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_trail SET actor = 'nobody'")));
        await Assert.ThrowsAnyAsync<Exception>(() => server.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_trail")));
        Assert.False(await server.QueryAsync(db => db.AuditTrail.AnyAsync(e => e.Actor == "nobody")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_auditor_of_a_province_reads_only_the_trail_of_its_subtree(string database)
    {
        var server = await databases.SharedAsync(database);
        var jiangsu = await server.SignInAsync("audit.js.agent", "js-nj-jn-hall1", "agent");
        var zhejiang = await server.SignInAsync("audit.zj.agent", "zj-hz-xs-hall1", "agent");
        var auditor = await server.SignInAsync("audit.js.auditor", "js", "auditor");
        await jiangsu.CreateAsync(Api.Consultation("江苏营业厅 " + Api.Marker(), channel: "walkIn"));
        await zhejiang.CreateAsync(Api.Consultation("浙江营业厅 " + Api.Marker(), channel: "walkIn"));

        var mine = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?actor=audit.js.agent");
        var theirs = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?actor=audit.zj.agent");

        Assert.Equal(1, mine.GetArrayLength());
        Assert.Equal(0, theirs.GetArrayLength());
    }
}
