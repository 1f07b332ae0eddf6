using System.Net;
using System.Net.Http.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.People;

public sealed class PersonalDataProtectionTests(Databases databases)
{
    private const string Phone = "13987654321";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task No_log_line_view_list_audit_line_or_notification_holds_the_unmasked_phone(string database)
    {
        var logs = new CapturedLogs();
        await using var server = await TestServer.StartAsync(database, await databases.NewDatabaseAsync(database), configure: logs.Capture);
        var agent = await server.SignInAsync("pd.agent", "sgcc-csc", "agent");
        var manager = await server.SignInAsync("pd.manager", "js", "manager");
        var order = await agent.CreateAsync(Api.Consultation("客户来电咨询 " + Api.Marker(), phone: Phone));
        var id = order.Str("id");
        await agent.ActOkAsync(id, "dispatch", new { unit = "js-nj-jn", reason = "直派区县" });
        using var revealed = await agent.PostAsJsonAsync($"/api/work-orders/{id}/customer/reveal", new { reason = "回拨客户" });
        using var managerReveal = await manager.PostAsJsonAsync($"/api/work-orders/{id}/customer/reveal", new { reason = "想看看" });
        using var badPhone = await agent.PostAsJsonAsync("/api/work-orders", new { type = "consultation", channel = "phone", customer = new { name = "张三", phone = Phone + "9" }, content = "x" });

        Assert.Equal(Phone, (await TestServer.ReadJsonAsync(revealed)).Str("phone"));
        Assert.Equal(HttpStatusCode.Forbidden, managerReveal.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        var seen = new List<string>
        {
            order.GetRawText(),
            (await server.GetOrderAsync(id)).GetRawText(),
            (await manager.GetStringAsync($"/api/work-orders/{id}")),
            (await manager.GetStringAsync("/api/work-orders?unit=js-nj-jn")),
        };
        seen.AddRange(logs.Lines);
        seen.AddRange(await server.QueryAsync(db => db.AuditTrail.Select(e => e.Subject + " " + e.Detail).ToListAsync()));
        seen.AddRange(await server.QueryAsync(db => db.OutboxMessages.Select(m => m.SubjectZh + m.SubjectEn + m.Payload).ToListAsync()));

        Assert.NotEmpty(logs.Lines);
        Assert.All(seen, text => Assert.DoesNotContain(Phone, text));
        Assert.Contains(seen, text => text.Contains("139****4321"));
    }
}
