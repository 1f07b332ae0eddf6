using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.People;

public sealed class SignInTests(Site site)
{
    [Fact]
    public async Task The_demo_agent_signs_in_with_the_printed_password_sees_home_in_Chinese_and_switches_to_English()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await Site.ScreenshotAsync(page, "signin-zh");

        await page.SignInHomeAsync("agent", site.DemoPassword("agent"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("您好，王坐席");
        await Expect(page.Locator("[data-test=roles]")).ToHaveTextAsync("坐席客户代表");
        await Expect(page.Locator("[data-test=unit]")).ToContainTextAsync("sgcc-csc");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "人员管理" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "接口文档", Exact = true })).ToHaveAttributeAsync("href", "/scalar/v1");
        await Site.ScreenshotAsync(page, "home-zh");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hello, 王坐席");
        await Expect(page.Locator("[data-test=roles]")).ToHaveTextAsync("Agent");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Site.ScreenshotAsync(page, "home-en");

        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("您好，王坐席");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_after_five_the_account_is_locked()
    {
        await site.PersonAsync("browser.locked", "js-nj-jn", "handler");
        var page = await site.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.SignInAsync("browser.locked", "not the password");
        await Expect(page.Locator("[data-test=refusal]")).ToHaveTextAsync("用户名或密码错误。");
        await Expect(page.Locator("#password")).ToHaveValueAsync("");
        await Site.ScreenshotAsync(page, "signin-refused");
        for (var attempt = 2; attempt <= 5; attempt++)
            await page.SignInAsync("browser.locked", $"wrong {attempt}");

        await page.SignInAsync("browser.locked", "wrong again");
        await Expect(page.Locator("[data-test=refusal]")).ToContainTextAsync("账户已锁定至");
        await Site.ScreenshotAsync(page, "signin-locked");
    }

    [Fact]
    public async Task A_person_signs_in_with_the_keyboard_alone_and_signs_out()
    {
        var password = await site.PersonAsync("browser.keys", "js-nj-jn", "handler");
        var page = await site.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("body").FocusAsync();

        // Tab from the top of the page to the user name, as a keyboard user would.
        for (var i = 0; i < 10 && await FocusedIdAsync(page) != "userName"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("userName", await FocusedIdAsync(page));
        await page.Keyboard.TypeAsync("browser.keys");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await FocusedIdAsync(page));
        await page.Keyboard.TypeAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=userName]")).ToHaveTextAsync("browser.keys");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
}
