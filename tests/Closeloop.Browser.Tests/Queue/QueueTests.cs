using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Closeloop.Browser.Tests.Infrastructure;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.Queue;

public sealed class QueueTests(Site site)
{
    [Fact]
    public async Task A_dispatcher_sees_live_countdowns_receives_in_bulk_and_keeps_a_saved_view()
    {
        var numbers = new List<string>();
        foreach (var content in new[] { "队列测试一", "队列测试二" })
        {
            var order = await site.Server.CreateAsync(Api.Consultation(content));
            numbers.Add((await site.Server.ActOkAsync(order.Str("id"), "dispatch", new { unit = "js-csc" })).Str("number"));
        }
        var dispatcher = await site.NewPageAsync();
        // The browser's own clock, moved on by the test: the countdowns must follow it without a reload.
        await dispatcher.Clock.InstallAsync();
        await dispatcher.SignInHomeAsync("dispatcher", site.DemoPassword("dispatcher"));
        await dispatcher.GetByRole(AriaRole.Link, new() { Name = "我的待办", Exact = true }).ClickAsync();
        await Expect(dispatcher.Locator("h1")).ToHaveTextAsync("我的待办");

        var first = dispatcher.Locator($"[data-test=queue-row][data-number='{numbers[0]}']");
        await Expect(first).ToBeVisibleAsync();
        var countdown = first.Locator("time.countdown").First;
        await Expect(countdown).ToHaveClassAsync(new Regex("running"));
        await Expect(countdown).ToContainTextAsync("剩余");
        await Site.ScreenshotAsync(dispatcher, "queue");
        var due = DateTimeOffset.Parse(await countdown.GetAttributeAsync("data-due") ?? "", CultureInfo.InvariantCulture);
        var warn = DateTimeOffset.Parse(await countdown.GetAttributeAsync("data-warn") ?? "", CultureInfo.InvariantCulture);
        var before = await countdown.TextContentAsync();
        await dispatcher.Clock.FastForwardAsync((long)(warn - DateTimeOffset.UtcNow).TotalMilliseconds + 60_000);
        await Expect(countdown).ToHaveClassAsync(new Regex("warned"));
        await Expect(countdown).Not.ToHaveTextAsync(before!);
        await dispatcher.Clock.FastForwardAsync((long)(due - warn).TotalMilliseconds);
        await Expect(countdown).ToHaveClassAsync(new Regex("breached"));
        await Expect(countdown).ToContainTextAsync("超时");

        await dispatcher.GetByLabel($"选择工单 {numbers[0]}").CheckAsync();
        await dispatcher.GetByLabel($"选择工单 {numbers[1]}").CheckAsync();
        await dispatcher.GetByRole(AriaRole.Button, new() { Name = "批量接单" }).ClickAsync();
        await Expect(dispatcher.Locator("[data-test=bulk-outcome]")).ToContainTextAsync("已接单 2 张");
        foreach (var number in numbers)
            Assert.Equal("inProgress", (await site.Server.GetOrderAsync(number)).Str("status"));

        await dispatcher.GetByLabel("状态").SelectOptionAsync("inProgress");
        await dispatcher.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await dispatcher.Locator("#viewName").FillAsync("处理中");
        await dispatcher.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(dispatcher.Locator("[data-test=bulk-outcome]")).ToContainTextAsync("视图“处理中”已保存");
        await dispatcher.GotoAsync("/queue");
        await dispatcher.Locator("[data-test=saved-view]", new() { HasText = "处理中" }).ClickAsync();
        await Expect(dispatcher.GetByLabel("状态")).ToHaveValueAsync("inProgress");
        await Expect(dispatcher.Locator($"[data-test=queue-row][data-number='{numbers[0]}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_queue_shows_an_order_that_arrives_while_it_is_open_without_a_reload()
    {
        var dispatcher = await site.NewPageAsync();
        await dispatcher.SignInHomeAsync("dispatcher", site.DemoPassword("dispatcher"));
        await dispatcher.GotoAsync("/queue?type=report");
        var order = await site.Server.CreateAsync(new
        {
            type = "report",
            channel = "phone",
            content = "举报窃电",
            customer = new { name = "匿名", phone = "13700001234" },
        });
        var number = (await site.Server.ActOkAsync(order.Str("id"), "dispatch", new { unit = "js-csc" })).Str("number");

        await Expect(dispatcher.Locator($"[data-test=queue-row][data-number='{number}']")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        Assert.Equal(JsonValueKind.String, order.GetProperty("number").ValueKind);
    }
}
