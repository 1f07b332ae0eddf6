using System.Net;
using System.Net.Http.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class PersonalDataTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Showing_the_customer_unmasked_needs_a_reason_and_is_logged(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("reveal " + Api.Marker(), phone: "13955556666"))).Str("id");

        using var noReason = await server.Client.PostAsJsonAsync($"/api/work-orders/{id}/customer/reveal", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        using var revealed = await server.Client.PostAsJsonAsync($"/api/work-orders/{id}/customer/reveal", new { reason = "回电核实停电范围" });
        var customer = await TestServer.ReadJsonAsync(revealed);
        Assert.Equal("13955556666", customer.Str("phone"));
        Assert.Equal("张三丰", customer.Str("name"));
        Assert.True(customer.GetProperty("unmasked").GetBoolean());

        var auditor = await server.SignInAsync("pd.auditor", "sgcc", "auditor");
        var log = await auditor.GetFromJsonAsync<List<Access>>($"/api/work-orders/{id}/customer/access-log", TestServer.Json);
        var entry = Assert.Single(log!);
        Assert.Equal((TestServer.Tester, "回电核实停电范围"), (entry.Actor, entry.Reason));
        Assert.DoesNotContain("13955556666", (await server.GetOrderAsync(id)).GetRawText());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_auditor_reads_who_was_shown_customers_data_in_their_subtree_newest_first(string database)
    {
        var server = await databases.SharedAsync(database);
        var agent = await server.SignInAsync("pd.log.agent", "sgcc-csc", "agent");
        var jiangsuAuditor = await server.SignInAsync("pd.log.js.auditor", "js", "auditor");
        var rootAuditor = await server.SignInAsync("pd.log.auditor", "sgcc", "auditor");
        var order = await agent.CreateAsync(Api.Consultation("reveal log " + Api.Marker()));
        var id = order.Str("id");
        foreach (var reason in new[] { "回电核实", "再次回电" })
        {
            using var revealed = await agent.PostAsJsonAsync($"/api/work-orders/{id}/customer/reveal", new { reason });
            Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        }

        var log = await rootAuditor.GetFromJsonAsync<List<Line>>("/api/audit/personal-data?actor=pd.log.agent", TestServer.Json);
        var elsewhere = await jiangsuAuditor.GetFromJsonAsync<List<Line>>("/api/audit/personal-data?actor=pd.log.agent", TestServer.Json);
        using var byAction = await rootAuditor.GetAsync("/api/audit/personal-data?action=reveal");

        Assert.Equal([(order.Str("number"), "再次回电"), (order.Str("number"), "回电核实")], log!.Select(l => (l.WorkOrder, l.Reason)));
        Assert.Empty(elsewhere!);
        Assert.Equal(HttpStatusCode.BadRequest, byAction.StatusCode);
    }

    private sealed record Access(string Actor, string Reason, DateTimeOffset At);

    private sealed record Line(long Id, DateTimeOffset At, string Actor, string WorkOrder, string Reason);
}
