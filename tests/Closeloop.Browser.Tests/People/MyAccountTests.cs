using System.Net;
using System.Net.Http.Headers;
using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.People;

public sealed class MyAccountTests(Site site)
{
    [Fact]
    public async Task A_token_made_on_my_account_page_works_against_the_API_until_it_is_revoked_there()
    {
        var password = await site.PersonAsync("browser.tokens", "js-nj-jn", "handler");
        var page = await site.NewPageAsync();
        await page.SignInHomeAsync("browser.tokens", password);
        await page.GetByRole(AriaRole.Link, new() { Name = "我的账户" }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("我的账户");

        await page.GetByLabel("名称").FillAsync("浏览器测试");
        await page.GetByLabel("您的密码").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建令牌" }).ClickAsync();
        await Expect(page.Locator("#password-problem")).ToHaveTextAsync("密码不正确。");

        await page.GetByLabel("名称").FillAsync("浏览器测试");
        await page.GetByLabel("有效天数").FillAsync("30");
        await page.GetByLabel("您的密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建令牌" }).ClickAsync();
        var token = await page.Locator("[data-test=new-token]").InnerTextAsync();
        await Expect(page.Locator("[data-test=token-row]", new() { HasText = "浏览器测试" })).ToContainTextAsync("有效");
        await Site.ScreenshotAsync(page, "account-token");

        using var api = new HttpClient { BaseAddress = site.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var me = await api.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "撤销 浏览器测试" }).ClickAsync();
        await Expect(page.Locator("[data-test=token-row]", new() { HasText = "浏览器测试" })).ToContainTextAsync("已撤销");
        await Site.ScreenshotAsync(page, "account-revoked");
        using (var me = await api.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
