using Closeloop.Browser.Tests.Infrastructure;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.WorkOrders;

public sealed class IntakeTests(Site site)
{
    [Fact]
    public async Task An_agent_takes_a_call_by_keyboard_sees_the_suggestions_and_accepts_and_dispatches_in_one_action()
    {
        var phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}";
        var agent = await site.NewPageAsync();
        await agent.SignInHomeAsync("agent", site.DemoPassword("agent"));
        await agent.GetByRole(AriaRole.Link, new() { Name = "受理", Exact = true }).ClickAsync();
        await Expect(agent.Locator("h1")).ToHaveTextAsync("工单受理");

        // The phone field has the focus; Enter looks the number up.
        await Expect(agent.Locator("#phone")).ToBeFocusedAsync();
        await agent.Keyboard.TypeAsync(phone);
        await agent.Keyboard.PressAsync("Enter");
        await Expect(agent.Locator("[data-test=caller-history]")).ToContainTextAsync("没有历史工单");

        await agent.Locator("#customerName").FillAsync("周晓明");
        await agent.Locator("#address").FillAsync("南京市江宁区东山街道上元大街1号");
        await agent.Locator("#areaCode").FillAsync("320115");
        await agent.GetByLabel("业务类型").SelectOptionAsync("consultation");
        await agent.Locator("#content").FillAsync("咨询峰谷电价的执行时段");
        await agent.Locator("#areaCode").PressAsync("Enter");
        await Expect(agent.Locator("[data-test=suggested-unit]")).ToContainTextAsync("国网江苏省电力有限公司客户服务中心");
        await Expect(agent.GetByLabel("派发至")).ToHaveValueAsync("js-csc");
        await Site.ScreenshotAsync(agent, "intake");

        await agent.GetByRole(AriaRole.Button, new() { Name = "受理并派单" }).ClickAsync();
        var outcome = agent.Locator("[data-test=intake-outcome]");
        await Expect(outcome).ToContainTextAsync("已派发");
        await Expect(outcome).ToContainTextAsync("国网江苏省电力有限公司客户服务中心");
        // Ready for the next call.
        await Expect(agent.Locator("#phone")).ToHaveValueAsync("");

        // The same customer calls again: the open order shows before anything is accepted twice.
        await agent.Locator("#phone").FillAsync(phone);
        await agent.Locator("#phone").PressAsync("Enter");
        await Expect(agent.Locator("[data-test=open-orders]")).ToContainTextAsync("1 张在途工单");
        await Expect(agent.Locator("[data-test=caller-history]")).ToContainTextAsync("咨询峰谷电价");
    }

    [Fact]
    public async Task A_fault_with_a_hazard_is_suggested_urgent_and_a_resolve_without_an_answer_names_the_field_and_accepts_nothing()
    {
        var agent = await site.NewPageAsync();
        await agent.SignInHomeAsync("agent", site.DemoPassword("agent"));
        await agent.GotoAsync("/intake");
        var marker = Api.Marker();

        await agent.Locator("#phone").FillAsync("13912345678");
        await agent.Locator("#customerName").FillAsync("钱女士");
        await agent.GetByLabel("业务类型").SelectOptionAsync("faultRepair");
        await agent.Locator("#areaCode").FillAsync("320115");
        await agent.Locator("#content").FillAsync($"小区门口电线落地，有火花 {marker}");
        await agent.Locator("#phone").PressAsync("Enter");
        await Expect(agent.Locator("[data-test=suggested-grade]")).ToContainTextAsync("紧急");
        await Expect(agent.Locator("#grade")).ToHaveValueAsync("urgent");
        await Expect(agent.Locator("[data-test=suggested-unit]")).ToContainTextAsync("江宁区供电公司运检部");

        await agent.GetByLabel("业务类型").SelectOptionAsync("consultation");
        await agent.GetByRole(AriaRole.Button, new() { Name = "受理并直接办结" }).ClickAsync();
        await Expect(agent.Locator("#then\\.comment-problem")).ToBeVisibleAsync();
        Assert.Equal(0, await site.Server.QueryAsync(db => Task.FromResult(db.WorkOrders.Count(o => o.Content.Contains(marker)))));
        // What was typed is still there, to fix and send again.
        await Expect(agent.Locator("#content")).ToHaveValueAsync($"小区门口电线落地，有火花 {marker}");
    }
}
