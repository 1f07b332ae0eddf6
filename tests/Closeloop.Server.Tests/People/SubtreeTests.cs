using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.People;

public sealed class SubtreeTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_county_handler_never_sees_another_countys_orders_and_the_attempt_is_logged(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        var ours = (await server.CreateAsync(Api.Consultation("江宁 " + marker))).Str("id");
        var theirs = (await server.CreateAsync(Api.Consultation("溧水 " + marker))).Str("id");
        await server.ActOkAsync(ours, "dispatch", new { unit = "js-nj-jn", reason = "直派区县" });
        var number = (await server.ActOkAsync(theirs, "dispatch", new { unit = "js-nj-ls", reason = "直派区县" })).Str("number");
        var jiangning = await server.SignInAsync("subtree.jn.handler", "js-nj-jn", "handler");

        using var read = await jiangning.GetAsync($"/api/work-orders/{theirs}");
        using var byNumber = await jiangning.GetAsync($"/api/work-orders/{number}");
        using var act = await jiangning.ActAsync(theirs, "receive", new { });
        using var unitList = await jiangning.GetAsync("/api/work-orders?unit=js-nj-ls");
        var list = await jiangning.GetFromJsonAsync<JsonElement>($"/api/work-orders?q={marker}");

        Assert.All([read, byNumber, act, unitList], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("No such work order", (await TestServer.ReadJsonAsync(read)).Str("title"));
        Assert.Equal([ours], list.GetProperty("items").EnumerateArray().Select(o => o.Str("id")));
        Assert.Equal("dispatched", (await server.GetOrderAsync(theirs)).Str("status"));
        var denied = await server.QueryAsync(db => db.AuditTrail.Where(e => e.Actor == "subtree.jn.handler" && e.Action == "access.denied").Select(e => e.Subject).ToListAsync());
        Assert.Equal(3, denied.Count(s => s == $"workOrder:{number}"));
        Assert.Contains("unit:js-nj-ls", denied);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_role_without_the_step_is_refused_with_403_inside_its_subtree_and_nothing_changes(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("role " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-nj-jn", reason = "直派区县" });
        var reviewer = await server.SignInAsync("subtree.jn.reviewer", "js-nj-jn", "reviewer");

        using var receive = await reviewer.ActAsync(id, "receive", new { });
        Assert.Equal(HttpStatusCode.Forbidden, receive.StatusCode);
        Assert.Equal("application/problem+json", receive.Content.Headers.ContentType?.MediaType);
        Assert.Equal("dispatched", (await server.GetOrderAsync(id)).Str("status"));
        Assert.True(await server.QueryAsync(db => db.AuditTrail.AnyAsync(e => e.Actor == "subtree.jn.reviewer" && e.Action == "access.denied")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_province_dispatcher_lists_what_its_subtree_holds_and_a_business_hall_accepts_in_its_own_name(string database)
    {
        var server = await databases.SharedAsync(database);
        var marker = Api.Marker();
        var jiangsu = (await server.CreateAsync(Api.Consultation("江苏 " + marker))).Str("id");
        var zhejiang = (await server.CreateAsync(Api.Consultation("浙江 " + marker))).Str("id");
        await server.ActOkAsync(jiangsu, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(zhejiang, "dispatch", new { unit = "zj-csc", reason = "用电地址在浙江" });
        var dispatcher = await server.SignInAsync("subtree.js.dispatcher", "js-csc", "dispatcher");
        var hall = await server.SignInAsync("subtree.jn.hall", "js-nj-jn-hall1", "agent");

        var listed = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/work-orders?q={marker}");
        var walkIn = await hall.CreateAsync(Api.Consultation("营业厅受理 " + marker, channel: "walkIn"));

        Assert.Equal([jiangsu], listed.GetProperty("items").EnumerateArray().Select(o => o.Str("id")));
        Assert.Equal("js-nj-jn-hall1", walkIn.Str("acceptingUnit"));
    }
}
