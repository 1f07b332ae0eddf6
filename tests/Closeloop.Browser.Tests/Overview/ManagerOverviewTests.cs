using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.Overview;

public sealed class ManagerOverviewTests(Site site)
{
    [Fact]
    public async Task A_manager_sees_the_open_orders_of_the_province_and_the_chart_of_the_last_30_days()
    {
        // An order with Nanjing today, so the province has something open and the chart a bar.
        using var created = await site.Server.Client.PostAsJsonAsync("/api/work-orders", new
        {
            type = "consultation",
            channel = "phone",
            customer = new { name = "张三", phone = "13812345678", areaCode = "320115", @class = "resident" },
            content = "管理概览 咨询",
        });
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        using var dispatched = await site.Server.Client.PostAsJsonAsync($"/api/work-orders/{number}/dispatch", new { unit = "js-csc" });
        Assert.True(dispatched.IsSuccessStatusCode, await dispatched.Content.ReadAsStringAsync());

        var manager = await site.NewPageAsync();
        await manager.SignInHomeAsync("manager", site.DemoPassword("manager"));
        await manager.GetByRole(AriaRole.Link, new() { Name = "管理概览", Exact = true }).ClickAsync();
        await Expect(manager.Locator("h1")).ToHaveTextAsync("管理概览");
        await Expect(manager.Locator("[data-test=open-total]")).Not.ToHaveTextAsync("0");
        await Expect(manager.Locator("section[aria-labelledby=overview-by-unit]")).ToContainTextAsync("国网江苏省电力有限公司客户服务中心");

        var chart = manager.Locator("[data-test=overview-chart] svg");
        await Expect(chart).ToHaveAttributeAsync("role", "img");
        await Expect(chart.Locator("title").First).ToHaveTextAsync("每日受理量与按时率");
        await Expect(chart.Locator("rect.bar")).ToHaveCountAsync(30);
        await Site.ScreenshotAsync(manager, "overview");

        // The numbers behind the chart, for those who do not see it.
        await manager.GetByText("查看数据表").ClickAsync();
        await Expect(manager.Locator("[data-test=chart-table] tbody tr")).ToHaveCountAsync(30);
        var today = manager.Locator("[data-test=chart-table] tbody tr").Last;
        await Expect(today.Locator("td").First).Not.ToHaveTextAsync("0");

        // Looking at one child unit below the province, chosen with the keyboard.
        await manager.GetByLabel("单位", new() { Exact = true }).FocusAsync();
        await manager.GetByLabel("单位", new() { Exact = true }).SelectOptionAsync("js-csc");
        await manager.GetByLabel("期间", new() { Exact = true }).SelectOptionAsync("7");
        await manager.GetByRole(AriaRole.Button, new() { Name = "显示", Exact = true }).FocusAsync();
        await manager.Keyboard.PressAsync("Enter");
        await Expect(manager.Locator("[data-test=overview-chart] rect.bar")).ToHaveCountAsync(7);
        await Expect(manager.Locator("[data-test=open-total]")).Not.ToHaveTextAsync("0");
    }
}
