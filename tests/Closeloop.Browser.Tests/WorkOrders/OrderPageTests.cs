using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Browser.Tests.Infrastructure;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.WorkOrders;

public sealed class OrderPageTests(Site site)
{
    [Fact]
    public async Task A_dispatcher_sees_the_masked_customer_the_countdown_and_the_history_and_dispatches_to_the_suggested_unit()
    {
        var number = await ConsultationAsync("用电咨询");
        var page = await site.SignedInAsync("browser.order.dispatcher", "sgcc-csc", "dispatcher");

        await page.GotoAsync($"/orders/{number}");
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("已受理");
        await Expect(page.Locator("[data-test=phone]")).ToHaveTextAsync("138****5678");
        var countdown = page.Locator("[data-test=countdown]").First;
        await Expect(countdown).ToHaveAttributeAsync("data-state", "running");
        await Expect(countdown).ToHaveClassAsync("countdown running");
        await Expect(countdown).ToContainTextAsync("剩余");
        await Expect(page.Locator("[data-test=event]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-test=event]").First).ToContainTextAsync("受理");
        var dispatch = page.Locator("[data-test=action-dispatch]");
        await Expect(dispatch.GetByLabel("派往单位")).ToHaveValueAsync("js-csc");
        await Site.ScreenshotAsync(page, "order");

        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派发" }).ClickAsync();

        await Expect(page.Locator("[data-test=order-notice]")).ToContainTextAsync("已派发");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("已派发");
        await Expect(page.Locator("[data-test=responsible]")).ToHaveTextAsync("国网江苏省电力有限公司客户服务中心");
        await Expect(page.Locator("[data-test=event]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-test=event]").Last).ToContainTextAsync("派发");
        await Expect(page.Locator("[data-test=action-dispatch]")).ToHaveCountAsync(0);
        await Site.ScreenshotAsync(page, "order-dispatched");
        var stored = await site.Server.GetOrderAsync(number);
        Assert.Equal(("dispatched", "js-csc", "browser.order.dispatcher"), (stored.Str("status"), stored.Str("responsibleUnit"), stored.GetProperty("history")[1].Str("actor")));
    }

    [Fact]
    public async Task Dispatching_elsewhere_than_suggested_without_a_reason_shows_the_problem_under_the_reason_and_changes_nothing()
    {
        var number = await ConsultationAsync("派错单位");
        var page = await site.SignedInAsync("browser.order.dispatcher2", "sgcc-csc", "dispatcher");
        await page.GotoAsync($"/orders/{number}");
        var dispatch = page.Locator("[data-test=action-dispatch]");

        await dispatch.GetByLabel("派往单位").SelectOptionAsync("zj-csc");
        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派发" }).ClickAsync();

        await Expect(dispatch.Locator("#reason-problem")).ToContainTextAsync("不是建议的承办单位");
        await Expect(dispatch.GetByLabel("原因")).ToHaveAttributeAsync("aria-describedby", "reason-problem");
        await Expect(dispatch.GetByLabel("派往单位")).ToHaveValueAsync("zj-csc");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("已受理");
        await Expect(page.Locator("[data-test=event]")).ToHaveCountAsync(1);
        await Site.ScreenshotAsync(page, "order-invalid");
        Assert.Equal(1, (await site.Server.GetOrderAsync(number)).GetProperty("version").GetInt32());

        // With a reason the choice stands, and the history says it overrode the suggestion.
        await dispatch.GetByLabel("原因").FillAsync("客户在浙江用电");
        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派发" }).ClickAsync();
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("已派发");
        await Expect(page.Locator("[data-test=event]").Last).ToContainTextAsync("未按建议");
    }

    [Fact]
    public async Task A_page_left_open_while_the_order_changes_says_so_shows_it_as_it_is_and_takes_the_step_then()
    {
        var number = await ConsultationAsync("两人同时操作");
        var page = await site.SignedInAsync("browser.order.dispatcher3", "sgcc-csc", "dispatcher");
        await page.GotoAsync($"/orders/{number}");
        await site.Server.Client.PostAsJsonAsync($"/api/work-orders/{number}/urge", new { reason = "客户催促" });
        var dispatch = page.Locator("[data-test=action-dispatch]");

        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派发" }).ClickAsync();

        await Expect(page.Locator("[data-test=order-failure]")).ToContainTextAsync("已被他人更改");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("已受理");
        await Expect(page.Locator("[data-test=flag-urged]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=event]")).ToHaveCountAsync(2);
        Assert.Equal(2, (await site.Server.GetOrderAsync(number)).GetProperty("version").GetInt32());
        await Site.ScreenshotAsync(page, "order-changed");

        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派发" }).ClickAsync();
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("已派发");
    }

    [Fact]
    public async Task A_person_with_the_reveal_right_shows_the_customer_with_a_reason_and_the_view_is_logged()
    {
        var number = await ConsultationAsync("核实客户信息");
        var page = await site.SignedInAsync("browser.order.judge", "sgcc-csc", "complaintJudge");
        await page.GotoAsync($"/orders/{number}");
        await Expect(page.Locator("[data-test=phone]")).ToHaveTextAsync("138****5678");

        await page.GetByLabel("查看原因").FillAsync("投诉定责需联系客户");
        await page.GetByRole(AriaRole.Button, new() { Name = "显示", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-test=phone]")).ToHaveTextAsync("13812345678");
        await Expect(page.Locator("[data-test=customer]")).ToContainTextAsync("江苏省南京市江宁区天元中路88号");
        await Expect(page.Locator("[data-test=revealed]")).ToBeVisibleAsync();
        await Site.ScreenshotAsync(page, "order-revealed");
        var logged = await site.Server.QueryAsync(db => db.PersonalDataAccess.Where(a => a.Actor == "browser.order.judge").Select(a => a.Reason).ToListAsync());
        Assert.Equal(["投诉定责需联系客户"], logged);

        // Looking again shows it masked: the plain data was on that one answer only.
        await page.GotoAsync($"/orders/{number}");
        await Expect(page.Locator("[data-test=phone]")).ToHaveTextAsync("138****5678");
    }

    [Fact]
    public async Task A_supervisor_urges_an_order_of_the_subtree_on_a_tablet_and_the_flag_shows()
    {
        var number = await ConsultationAsync("客户多次来电");
        await site.Server.ActOkAsync(number, "dispatch", new { unit = "js-csc" });
        var page = await site.NewPageAsync(820, 1180);
        await page.SignInHomeAsync("supervisor", site.DemoPassword("supervisor"));
        await page.GotoAsync($"/orders/{number}");
        await Expect(page.Locator("[data-test=flag-urged]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=reveal]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=no-actions]")).ToBeVisibleAsync();

        await page.GetByLabel("催办原因").FillAsync("客户第三次来电，请尽快处理");
        await page.GetByRole(AriaRole.Button, new() { Name = "催办", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-test=order-notice]")).ToContainTextAsync("已催办");
        await Expect(page.Locator("[data-test=flag-urged]")).ToHaveTextAsync("已催办 1 次");
        await Expect(page.Locator("[data-test=event]").Last).ToContainTextAsync("客户第三次来电，请尽快处理");
        await Site.ScreenshotAsync(page, "order-urged-tablet");
        Assert.Equal(1, (await site.Server.GetOrderAsync(number)).GetProperty("urges").GetInt32());
    }

    [Fact]
    public async Task Someone_outside_the_subtree_gets_the_404_page_and_someone_without_the_read_right_the_403_page()
    {
        var number = await ConsultationAsync("无权查看");
        var zhejiang = await site.SignedInAsync("browser.order.zj", "zj-csc", "dispatcher");
        var hidden = await zhejiang.GotoAsync($"/orders/{number}");
        Assert.Equal((int)HttpStatusCode.NotFound, hidden!.Status);
        await Expect(zhejiang.Locator("h1")).ToHaveTextAsync("未找到");

        var editor = await site.SignedInAsync("browser.order.editor", "sgcc-csc", "knowledgeEditor");
        var refused = await editor.GotoAsync($"/orders/{number}");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        await Expect(editor.Locator("h1")).ToHaveTextAsync("无权访问");
    }

    [Fact]
    public async Task A_repair_is_graded_when_dispatched_assigned_to_a_crew_member_and_their_arrival_recorded_with_its_time()
    {
        JsonElement created = await site.Server.CreateAsync(new
        {
            type = "faultRepair",
            channel = "phone",
            content = $"家里停电 {Api.Marker()}",
            customer = new { name = "孙先生", phone = "13912340000", areaCode = "320115" },
        });
        var number = created.Str("number");
        var centre = await site.SignedInAsync("browser.repair.centre", "sgcc-csc", "dispatcher");
        await centre.GotoAsync($"/orders/{number}");
        var dispatch = centre.Locator("[data-test=action-dispatch]");
        await Expect(dispatch.GetByLabel("派往单位")).ToHaveValueAsync("js-nj-jn-om");

        // A repair is graded as it is dispatched: the form will not go without a grade.
        await Expect(dispatch.GetByLabel("分级")).ToHaveAttributeAsync("required", "");
        await dispatch.GetByLabel("分级").SelectOptionAsync("urgent");
        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派发" }).ClickAsync();
        await Expect(centre.Locator("[data-test=status]")).ToHaveTextAsync("已派发");

        var crewPassword = await site.PersonAsync("browser.crew.wu", "js-nj-jn-om", "crew");
        var om = await site.SignedInAsync("browser.om.dispatcher", "js-nj-jn-om", "dispatcher");
        await om.GotoAsync($"/orders/{number}");
        await om.Locator("[data-test=action-receive]").GetByRole(AriaRole.Button, new() { Name = "接单" }).ClickAsync();
        var assign = om.Locator("[data-test=action-assign]");
        await assign.GetByLabel("处理人").SelectOptionAsync("browser.crew.wu");
        await assign.GetByRole(AriaRole.Button, new() { Name = "指派处理人" }).ClickAsync();
        await Expect(om.Locator("[data-test=order-notice]")).ToContainTextAsync("指派处理人");

        var crew = await site.NewPageAsync();
        await crew.SignInHomeAsync("browser.crew.wu", crewPassword);
        await crew.GotoAsync($"/orders/{number}");
        var arrive = crew.Locator("[data-test=action-arrive]");
        // The time it happened is filled in with now, in the preset's zone; the crew may set it earlier.
        await Expect(arrive.GetByLabel("发生时间")).Not.ToHaveValueAsync("");
        await arrive.GetByRole(AriaRole.Button, new() { Name = "到达现场" }).ClickAsync();

        await Expect(crew.Locator("[data-test=status]")).ToHaveTextAsync("已到达现场");
        var stored = await site.Server.GetOrderAsync(number);
        Assert.Equal(("urgent", "browser.crew.wu", "onSite"), (stored.Str("grade"), stored.Str("assignee"), stored.Str("status")));
        Assert.Equal(JsonValueKind.String, stored.GetProperty("history").EnumerateArray().Last().GetProperty("occurredAt").ValueKind);
    }

    private async Task<string> ConsultationAsync(string content)
    {
        JsonElement created = await site.Server.CreateAsync(Api.Consultation($"{content} {Api.Marker()}"));
        return created.Str("number");
    }
}
