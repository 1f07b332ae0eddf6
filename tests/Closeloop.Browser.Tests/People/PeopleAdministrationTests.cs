using System.Net;
using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.People;

public sealed class PeopleAdministrationTests(Site site)
{
    [Fact]
    public async Task An_administrator_adds_a_person_who_then_signs_in_with_the_password_shown_once()
    {
        var admin = await site.NewPageAsync();
        await admin.SignInHomeAsync("admin", site.DemoPassword("admin"));
        await admin.GetByRole(AriaRole.Link, new() { Name = "人员管理" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("人员管理");
        await Expect(admin.Locator("[data-test=person-row]").First).ToBeVisibleAsync();
        await Site.ScreenshotAsync(admin, "people");

        // A mistake first: the problem is shown next to its field and nothing is made.
        await admin.GetByLabel("用户名").FillAsync("9bad");
        await admin.GetByLabel("姓名").FillAsync("刘新人");
        await admin.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#userName-problem")).ToBeVisibleAsync();
        await Expect(admin.GetByLabel("用户名")).ToHaveAttributeAsync("aria-describedby", "userName-problem");
        await Expect(admin.Locator("#roles-problem")).ToBeVisibleAsync();
        await Site.ScreenshotAsync(admin, "people-invalid");

        await admin.GetByLabel("用户名").FillAsync("browser.new");
        await admin.GetByLabel("姓名").FillAsync("刘新人");
        await admin.GetByLabel("单位").Last.SelectOptionAsync("js-nj-jn");
        await admin.GetByLabel("处理人").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
        var password = await admin.Locator("[data-test=generated-password]").InnerTextAsync();
        await Expect(admin.Locator("[data-test=person-row]", new() { HasText = "browser.new" })).ToContainTextAsync("处理人");
        await Site.ScreenshotAsync(admin, "people-added");

        var person = await site.NewPageAsync();
        await person.SignInHomeAsync("browser.new", password);
        await Expect(person.Locator("h1")).ToHaveTextAsync("您好，刘新人");
        await Expect(person.Locator("[data-test=unit]")).ToContainTextAsync("js-nj-jn");
    }

    [Fact]
    public async Task A_mistake_is_worded_in_chinese_under_its_field()
    {
        var admin = await site.NewPageAsync();
        await admin.SignInHomeAsync("admin", site.DemoPassword("admin"));
        await admin.GotoAsync("/people");

        await admin.GetByLabel("用户名").FillAsync("9bad");
        await admin.GetByLabel("姓名").FillAsync(new string('刘', 101));
        await admin.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();

        await Expect(admin.Locator("#userName-problem")).ToHaveTextAsync("应为 2 至 64 位小写字母、数字、点、连字符或下划线，且以字母开头");
        await Expect(admin.Locator("#displayName-problem")).ToHaveTextAsync("最多 100 个字符（现为 101 个）");
        await Expect(admin.Locator("#roles-problem")).ToHaveTextAsync("必填");
    }

    [Fact]
    public async Task An_administrator_changes_roles_unlocks_resets_and_disables_a_person()
    {
        await site.PersonAsync("browser.managed", "js-nj-jn", "handler");
        var admin = await site.NewPageAsync(1024, 768);
        await admin.SignInHomeAsync("admin", site.DemoPassword("admin"));
        await admin.GotoAsync("/people/browser.managed");
        await Expect(admin.Locator("h1")).ToContainTextAsync("browser.managed");

        await admin.GetByLabel("审核人", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.Locator(".notice")).ToHaveTextAsync("已保存。");
        await Expect(admin.GetByLabel("审核人", new() { Exact = true })).ToBeCheckedAsync();
        await Site.ScreenshotAsync(admin, "person-tablet");

        await admin.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        var password = await admin.Locator("[data-test=generated-password]").InnerTextAsync();
        var person = await site.NewPageAsync();
        await person.SignInHomeAsync("browser.managed", password);
        await Expect(person.Locator("[data-test=roles]")).ToHaveTextAsync("处理人、审核人");

        await admin.GetByRole(AriaRole.Button, new() { Name = "停用账户" }).ClickAsync();
        await Expect(admin.Locator(".lead .status")).ToHaveTextAsync("已停用");
        var again = await site.NewPageAsync();
        await again.SignInAsync("browser.managed", password);
        await Expect(again.Locator("[data-test=refusal]")).ToHaveTextAsync("用户名或密码错误。");
    }

    [Fact]
    public async Task Someone_without_the_right_gets_the_403_page_and_a_county_administrator_does_not_find_people_outside_the_county()
    {
        var agentPassword = await site.PersonAsync("browser.agent", "js-nj-jn", "agent");
        var agent = await site.NewPageAsync();
        await agent.SignInHomeAsync("browser.agent", agentPassword);
        var refused = await agent.GotoAsync("/people");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        await Expect(agent.Locator("h1")).ToHaveTextAsync("无权访问");
        await Site.ScreenshotAsync(agent, "people-403");

        var countyPassword = await site.PersonAsync("browser.county.admin", "js-nj-jn", "administrator");
        var county = await site.NewPageAsync();
        await county.SignInHomeAsync("browser.county.admin", countyPassword);
        var hidden = await county.GotoAsync("/people/agent");
        Assert.Equal((int)HttpStatusCode.NotFound, hidden!.Status);
        await Expect(county.Locator("h1")).ToHaveTextAsync("未找到");
        var outside = await county.GotoAsync("/people?unit=sgcc-csc");
        Assert.Equal((int)HttpStatusCode.NotFound, outside!.Status);
        var inside = await county.GotoAsync("/people/browser.agent");
        Assert.Equal((int)HttpStatusCode.OK, inside!.Status);
        var nowhere = await county.GotoAsync("/no-such-page");
        Assert.Equal((int)HttpStatusCode.NotFound, nowhere!.Status);
        await Expect(county.Locator("h1")).ToHaveTextAsync("未找到");
        await Site.ScreenshotAsync(county, "not-found");
    }
}
