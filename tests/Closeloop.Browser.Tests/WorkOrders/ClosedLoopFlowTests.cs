using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.WorkOrders;

/// <summary>
/// One consultation around the whole loop, each step by the demo account whose work it is, each in
/// their own browser: the national agent accepts and dispatches, the province forwards, the county
/// handles, two reviews carry the answer back up, and the agent replies and archives.
/// </summary>
public sealed class ClosedLoopFlowTests(Site site)
{
    [Fact]
    public async Task A_consultation_goes_from_the_agent_down_to_the_county_and_back_and_its_timeline_shows_every_step()
    {
        var agent = await SignInAsync("agent");
        await agent.GotoAsync("/intake");
        await agent.Locator("#phone").FillAsync("13851234567");
        await agent.Locator("#customerName").FillAsync("陈先生");
        await agent.Locator("#areaCode").FillAsync("320115");
        await agent.GetByLabel("业务类型").SelectOptionAsync("consultation");
        await agent.Locator("#content").FillAsync("咨询阶梯电价第二档的起点电量");
        await agent.Locator("#areaCode").PressAsync("Enter");
        await Expect(agent.GetByLabel("派发至")).ToHaveValueAsync("js-csc");
        await agent.GetByRole(AriaRole.Button, new() { Name = "受理并派单" }).ClickAsync();
        var outcome = agent.Locator("[data-test=intake-outcome]");
        await Expect(outcome).ToContainTextAsync("已派发");
        var number = (await outcome.Locator("a").GetAttributeAsync("href"))!.Split('/')[^1];

        var province = await OpenFromQueueAsync("dispatcher", number);
        await TakeAsync(province, "receive", "接单");
        await Expect(province.Locator("[data-test=action-forward]").GetByLabel("派往单位")).ToHaveValueAsync("js-nj-jn-mkt");
        await TakeAsync(province, "forward", "转派");
        await Expect(province.Locator("[data-test=responsible]")).ToContainTextAsync("江宁");

        var county = await OpenFromQueueAsync("handler", number);
        await TakeAsync(county, "receive", "接单");
        await county.Locator("#handle-comment").FillAsync("第二档起点为每年2761度，已电话告知客户。");
        await TakeAsync(county, "handle", "处理");

        var countyReview = await OpenFromQueueAsync("reviewer", number);
        await TakeAsync(countyReview, "review", "审核");
        var provinceReview = await OpenFromQueueAsync("reviewer.js", number);
        await TakeAsync(provinceReview, "review", "审核");

        await agent.GotoAsync($"/queue?q={number}");
        await agent.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await agent.Locator("#reply-comment").FillAsync("已答复客户：第二档起点为每年2761度。");
        await TakeAsync(agent, "reply", "回复");
        await TakeAsync(agent, "archive", "归档");

        await Expect(agent.Locator("[data-test=status]")).ToHaveTextAsync("已归档");
        var steps = agent.Locator("[data-test=event]");
        await Expect(steps).ToHaveCountAsync(10);
        string[] expected = ["受理", "派发", "接单", "转派", "接单", "处理", "审核", "审核", "回复", "归档"];
        for (var i = 0; i < expected.Length; i++)
            await Expect(steps.Nth(i)).ToContainTextAsync(expected[i]);
        await Expect(steps.Nth(5)).ToContainTextAsync("张处理");
        await Site.ScreenshotAsync(agent, "closed-loop-timeline");
    }

    private async Task<IPage> SignInAsync(string userName)
    {
        var page = await site.NewPageAsync();
        await page.SignInHomeAsync(userName, site.DemoPassword(userName));
        return page;
    }

    // Each person finds the order where their work waits for them: in their queue.
    private async Task<IPage> OpenFromQueueAsync(string userName, string number)
    {
        var page = await SignInAsync(userName);
        await page.GotoAsync($"/queue?q={number}");
        await page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        return page;
    }

    private static async Task TakeAsync(IPage page, string action, string label)
    {
        await page.Locator($"[data-test=action-{action}]").GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-test=order-notice]")).ToContainTextAsync(label);
    }
}
