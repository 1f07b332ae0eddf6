using Closeloop.Browser.Tests.Infrastructure;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.WorkOrders;

public sealed class ComplaintAppealPageTests(Site site)
{
    [Fact]
    public async Task A_judge_holds_a_county_responsible_and_the_county_appeals_in_the_window_the_page_shows()
    {
        var number = await CalledBackComplaintAsync();
        var judge = await site.SignedInAsync("browser.complaint.judge", "sgcc-csc", "complaintJudge");
        await judge.GotoAsync($"/orders/{number}");
        var judging = judge.Locator("[data-test=action-judge]");

        // A responsible finding without the unit is refused under the unit, and nothing changes.
        await judging.GetByLabel("处理说明").FillAsync("抄表员服务态度问题属实");
        await judging.GetByLabel("判定结果").SelectOptionAsync("responsible");
        await judging.GetByRole(AriaRole.Button, new() { Name = "投诉判定" }).ClickAsync();
        await Expect(judging.Locator("#findingUnit-problem")).ToBeVisibleAsync();
        await Expect(judge.Locator("[data-test=status]")).ToHaveTextAsync("已回访待判定");

        await judging.GetByLabel("责任单位").SelectOptionAsync("js-nj-jn");
        await judging.GetByRole(AriaRole.Button, new() { Name = "投诉判定" }).ClickAsync();

        await Expect(judge.Locator("[data-test=status]")).ToHaveTextAsync("已判定归档");
        await Expect(judge.Locator("[data-test=finding]")).ToContainTextAsync("有责");
        await Expect(judge.Locator("[data-test=finding]")).ToContainTextAsync("江宁");
        await Expect(judge.Locator("[data-test=flag-window-appeal]")).ToContainTextAsync("初次申诉");
        await Expect(judge.Locator("[data-test=step-finding]").Last).ToContainTextAsync("有责");

        var county = await site.SignedInAsync("browser.county.reviewer", "js-nj-jn", "reviewer");
        await county.GotoAsync($"/orders/{number}");
        var appeal = county.Locator("[data-test=action-appeal]");
        await Expect(appeal.Locator("[data-test=window-appeal]")).ToContainTextAsync("24:00 前提出，逾期不受理");
        await Site.ScreenshotAsync(county, "order-appeal");
        await appeal.GetByLabel("原因").FillAsync("停电系上级电网故障所致，附调度记录");
        await appeal.GetByRole(AriaRole.Button, new() { Name = "初次申诉" }).ClickAsync();

        await Expect(county.Locator("[data-test=order-notice]")).ToContainTextAsync("初次申诉中");
        await Expect(county.Locator("[data-test=status]")).ToHaveTextAsync("初次申诉中");
        await Expect(county.Locator("[data-test=responsible]")).ToHaveTextAsync("国家电网有限公司客户服务中心");
        await Expect(county.Locator("[data-test=action-appeal]")).ToHaveCountAsync(0);
        var stored = await site.Server.GetOrderAsync(number);
        Assert.Equal(("appealed", "browser.county.reviewer"), (stored.Str("status"), stored.GetProperty("history").EnumerateArray().Last().Str("actor")));
    }

    private async Task<string> CalledBackComplaintAsync()
    {
        var number = (await site.Server.CreateAsync(Api.Complaint("抄表员态度恶劣"))).Str("number");
        foreach (var (action, body) in Api.ComplaintToCallback)
            await site.Server.ActOkAsync(number, action, body);
        return number;
    }
}
