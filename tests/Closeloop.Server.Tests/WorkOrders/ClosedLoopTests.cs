using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Tests.WorkOrders;

public sealed class ClosedLoopTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Created_order_has_a_dated_number_a_masked_customer_and_its_acceptance_in_the_history(string database)
    {
        var server = await databases.SharedAsync(database);
        using var response = await server.Client.PostAsJsonAsync("/api/work-orders", Api.Consultation("咨询居民阶梯电价 " + Api.Marker()));
        var order = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/work-orders/{order.Str("id")}", response.Headers.Location!.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Matches(@"^\d{8}\d{6}$", order.Str("number"));
        Assert.Equal("accepted", order.Str("status"));
        Assert.Equal("sgcc-csc", order.Str("responsibleUnit"));
        Assert.StartsWith("sgcc-95598@2026.1#", order.Str("ruleVersion"));
        Assert.Equal("138****5678", order.GetProperty("customer").Str("phone"));
        Assert.Equal("张**", order.GetProperty("customer").Str("name"));
        Assert.DoesNotContain("天元中路", order.GetProperty("customer").Str("address"));
        Assert.Equal(["resolve", "dispatch"], order.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var accepted = Assert.Single(order.GetProperty("history").EnumerateArray());
        Assert.Equal("accept", accepted.Str("action"));
        Assert.Equal(TestServer.Tester, accepted.Str("actor"));
        Assert.DoesNotContain("13812345678", order.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_order_goes_down_to_the_county_and_back_up_to_the_archive_with_every_step_in_its_history(string database)
    {
        var server = await databases.SharedAsync(database);
        var agent = await server.SignInAsync("agent.wang", "sgcc-csc", "agent");
        var province = await server.SignInAsync("province.zhou", "js-csc", "dispatcher");
        var handler = await server.SignInAsync("handler.li", "js-nj-jn", "handler");
        var countyReviewer = await server.SignInAsync("reviewer.zhao", "js-nj-jn", "reviewer");
        var provinceReviewer = await server.SignInAsync("reviewer.qian", "js-csc", "reviewer");
        var id = (await agent.CreateAsync(Api.Consultation("为什么本月电费比上月高 " + Api.Marker()))).Str("id");

        await agent.ActOkAsync(id, "dispatch", new { unit = "js-csc" });
        await province.ActOkAsync(id, "receive", new { });
        await province.ActOkAsync(id, "forward", new { unit = "js-nj-jn-mkt" });
        await handler.ActOkAsync(id, "receive", new { });
        await handler.ActOkAsync(id, "handle", new { comment = "经核查，本月为冬季用电高峰，电量增加属实。", attachments = new[] { new { fileName = "meter.jpg", contentType = "image/jpeg", sizeBytes = 20480 } } });
        await countyReviewer.ActOkAsync(id, "review", new { });
        await provinceReviewer.ActOkAsync(id, "review", new { });
        await agent.ActOkAsync(id, "reply", new { comment = "已向客户解释电量增加原因。" });
        var archived = await agent.ActOkAsync(id, "archive", new { });

        Assert.Equal("archived", archived.Str("status"));
        Assert.Empty(archived.GetProperty("allowedActions").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, archived.GetProperty("closedAt").ValueKind);
        var byNumber = await server.GetOrderAsync(archived.Str("number"));
        var steps = byNumber.GetProperty("history").EnumerateArray().Select(e => (e.Str("action"), e.Str("toStatus"), e.Str("actor"))).ToList();
        Assert.Equal(
            [
                ("accept", "accepted", "agent.wang"), ("dispatch", "dispatched", "agent.wang"), ("receive", "inProgress", "province.zhou"),
                ("forward", "dispatched", "province.zhou"), ("receive", "inProgress", "handler.li"), ("handle", "handled", "handler.li"),
                ("review", "handled", "reviewer.zhao"), ("review", "reviewed", "reviewer.qian"), ("reply", "replied", "agent.wang"),
                ("archive", "archived", "agent.wang"),
            ],
            steps);
        var handled = byNumber.GetProperty("history")[5];
        Assert.Equal("meter.jpg", handled.GetProperty("attachments")[0].Str("fileName"));
        Assert.Equal("js-nj-jn-mkt", byNumber.GetProperty("history")[3].Str("responsibleUnit"));
        Assert.Equal(10, byNumber.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_request_answered_at_first_contact_is_resolved_and_archived_without_dispatch(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("营业厅几点开门 " + Api.Marker()))).Str("id");

        var resolved = await server.ActOkAsync(id, "resolve", new { comment = "已告知营业时间 8:30-17:30。" });
        Assert.Equal("resolved", resolved.Str("status"));
        var archived = await server.ActOkAsync(id, "archive", new { });
        Assert.Equal("archived", archived.Str("status"));
        Assert.Equal("sgcc-csc", archived.Str("responsibleUnit"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Praise_is_archived_at_acceptance(string database)
    {
        var server = await databases.SharedAsync(database);
        var praise = await server.CreateAsync(new
        {
            type = "praise",
            channel = "letter",
            customer = new { name = "李四", phone = "025-84561234" },
            content = "感谢江宁供电抢修班连夜恢复供电 " + Api.Marker(),
        });

        Assert.Equal("archived", praise.Str("status"));
        Assert.NotEqual(JsonValueKind.Null, praise.GetProperty("closedAt").ValueKind);
        Assert.Equal("025-****1234", praise.GetProperty("customer").Str("phone"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_wrongly_routed_order_is_returned_to_its_sender_with_the_reason(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("杭州的户号查询 " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });

        using var withoutReason = await server.ActAsync(id, "return", new { });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(withoutReason)).GetProperty("errors").TryGetProperty("reason", out _));

        var returned = await server.ActOkAsync(id, "return", new { reason = "客户地址在杭州，不属于本单位" });
        Assert.Equal("accepted", returned.Str("status"));
        Assert.Equal("sgcc-csc", returned.Str("responsibleUnit"));
        Assert.Equal("客户地址在杭州，不属于本单位", returned.GetProperty("history")[2].Str("reason"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_reviewer_sends_an_answer_back_to_the_handler(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("电表走字快 " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(id, "receive", new { });
        await server.ActOkAsync(id, "handle", new { comment = "已处理" });

        var sentBack = await server.ActOkAsync(id, "reject", new { reason = "答复过于简单，请写明校验结果" });

        Assert.Equal("inProgress", sentBack.Str("status"));
        Assert.Equal("js-csc", sentBack.Str("responsibleUnit"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_action_not_allowed_now_answers_409_naming_the_allowed_ones_and_writes_nothing(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("illegal " + Api.Marker()))).Str("id");

        using var response = await server.ActAsync(id, "archive", new { });
        var problem = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["resolve", "dispatch"], problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var order = await server.GetOrderAsync(id);
        Assert.Equal(1, order.GetProperty("version").GetInt32());
        Assert.Single(order.GetProperty("history").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Dispatch_to_an_unknown_unit_is_refused_naming_the_field(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("unknown unit " + Api.Marker()))).Str("id");

        using var response = await server.ActAsync(id, "dispatch", new { unit = "no-such-unit" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no-such-unit", (await TestServer.ReadJsonAsync(response)).GetProperty("errors").GetProperty("unit")[0].GetString());
        Assert.Equal(1, (await server.GetOrderAsync(id)).GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_stale_If_Match_answers_412_and_writes_nothing(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("concurrency " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });

        using var stale = await server.ActAsync(id, "receive", new { }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await server.GetOrderAsync(id)).GetProperty("version").GetInt32());

        using var fresh = await server.ActAsync(id, "receive", new { }, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"3\"", fresh.Headers.ETag!.Tag);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Two_people_acting_at_once_on_one_order_record_one_step_and_the_other_is_told(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = (await server.CreateAsync(Api.Consultation("race " + Api.Marker()))).Str("id");
        await server.ActOkAsync(id, "dispatch", new { unit = "js-csc" });

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => server.ActAsync(id, "receive", new { })));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.True(r.StatusCode is HttpStatusCode.Conflict, $"{r.StatusCode}"));
        var order = await server.GetOrderAsync(id);
        Assert.Equal(3, order.GetProperty("version").GetInt32());
        Assert.Equal(3, order.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_stored_order_is_exactly_what_its_history_adds_up_to(string database)
    {
        var server = await databases.SharedAsync(database);
        var id = Guid.Parse((await server.CreateAsync(Api.Consultation("replay " + Api.Marker()))).Str("id"));
        await server.ActOkAsync(id.ToString(), "dispatch", new { unit = "js-csc" });
        await server.ActOkAsync(id.ToString(), "return", new { reason = "非本省" });
        await server.ActOkAsync(id.ToString(), "dispatch", new { unit = "zj-csc", reason = "客户实际用电地址在杭州" });
        await server.ActOkAsync(id.ToString(), "receive", new { });

        var (stored, history) = await server.QueryAsync(async db => (
            await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == id),
            await db.WorkOrderEvents.AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.Sequence).ToListAsync()));
        var rebuilt = WorkOrder.Replay(history);

        Assert.Equal(5, history.Count);
        Assert.Equivalent(stored, rebuilt, strict: true);
        Assert.Equal(["sgcc-csc", "zj-csc"], rebuilt.Route);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_unknown_order_answers_404_problem(string database)
    {
        var server = await databases.SharedAsync(database);

        using var byNumber = await server.Client.GetAsync("/api/work-orders/20990101000001");
        using var action = await server.ActAsync(Guid.NewGuid().ToString(), "receive", new { });

        Assert.Equal(HttpStatusCode.NotFound, byNumber.StatusCode);
        Assert.Equal("application/problem+json", byNumber.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, action.StatusCode);
    }
}
