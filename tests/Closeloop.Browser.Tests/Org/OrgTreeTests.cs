using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.Org;

[Collection(Presets.RuleChanges.Name)]
public sealed class OrgTreeTests(Site site)
{
    [Fact]
    public async Task An_administrator_edits_and_moves_a_unit_and_imports_a_file_after_seeing_its_dry_run_diff()
    {
        var admin = await site.NewPageAsync();
        await admin.SignInHomeAsync("admin", site.DemoPassword("admin"));
        await admin.GetByRole(AriaRole.Link, new() { Name = "组织机构", Exact = true }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("组织机构");
        await Expect(admin.Locator("[data-test=org-tree]")).ToContainTextAsync("国网南京市溧水区供电公司");
        await Site.ScreenshotAsync(admin, "org");

        // Edit: the area codes change, the unit's own clock limit (repairArrival 90) stays.
        await admin.GetByRole(AriaRole.Link, new() { Name = "国网南京市溧水区供电公司", Exact = true }).ClickAsync();
        await Expect(admin.Locator("h1")).ToContainTextAsync("js-nj-ls");
        // The unit page has more forms (add a unit below, remove it), each with its own area codes and reason.
        await admin.Locator("#areaCodes").FillAsync("320117, 320118");
        await admin.Locator("#editReason").FillAsync("溧水区划调整");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.Locator("[data-test=unit-outcome]")).ToContainTextAsync("已保存");
        await Site.ScreenshotAsync(admin, "org-unit");
        var csv = await ExportAsync(admin, "csv");
        Assert.Equal(
            "js-nj-ls,js-nj,county,国网南京市溧水区供电公司,State Grid Nanjing Lishui Power Supply Company,320117;320118,,,repairArrival=90,,",
            csv.Split('\n').Single(line => line.StartsWith("js-nj-ls,", StringComparison.Ordinal)));

        // Move: the crew goes below the county's O&M department, with everything below it.
        await admin.GotoAsync("/org/units/js-nj-ls-crew1");
        await admin.GetByLabel("上级单位").SelectOptionAsync("js-nj-ls-om");
        await admin.Locator("#moveReason").FillAsync("抢修班划归运检部");
        await admin.GetByRole(AriaRole.Button, new() { Name = "移动", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[data-test=unit-outcome]")).ToContainTextAsync("已保存");
        await Expect(admin.Locator(".lead")).ToContainTextAsync("国网南京市溧水区供电公司运检部");

        // Import: the exported CSV with one hall more; the dry run shows it before anything is stored.
        var withHall = (await ExportAsync(admin, "csv")).TrimEnd('\n') + "\njs-nj-ls-hall2,js-nj-ls,businessHall,溧水第二营业厅,Lishui Business Hall 2,,,,,,\n";
        await admin.GotoAsync("/org");
        await admin.GetByLabel("格式").SelectOptionAsync("csv");
        await admin.GetByLabel("文件内容").FillAsync(withHall);
        await admin.GetByLabel("修改原因").FillAsync("新设营业厅");
        await admin.GetByRole(AriaRole.Button, new() { Name = "检查变更" }).ClickAsync();
        await Expect(admin.Locator("[data-test=org-diff]")).ToContainTextAsync("新增 js-nj-ls-hall2");
        Assert.DoesNotContain("js-nj-ls-hall2", await ExportAsync(admin, "csv"));
        await Site.ScreenshotAsync(admin, "org-import-diff");

        await admin.GetByRole(AriaRole.Button, new() { Name = "应用变更" }).ClickAsync();
        await Expect(admin.Locator("[data-test=import-outcome]")).ToContainTextAsync("已应用");
        await Expect(admin.Locator("[data-test=org-tree]")).ToContainTextAsync("溧水第二营业厅");
        var tree = await site.Server.Client.GetFromJsonAsync<JsonElement>("/api/org");
        Assert.Contains(tree.GetProperty("units").EnumerateArray(), u => u.GetProperty("code").GetString() == "js-nj-ls-hall2");
    }

    [Fact]
    public async Task An_administrator_adds_a_unit_below_a_county_tightens_its_clock_is_refused_a_looser_one_and_removes_it()
    {
        var admin = await site.NewPageAsync();
        await admin.SignInHomeAsync("admin", site.DemoPassword("admin"));

        // Add: a crew below Kunshan, which tightens repairArrival to 90 minutes.
        await admin.GotoAsync("/org/units/js-sz-ks");
        await Expect(admin.Locator("h1")).ToContainTextAsync("js-sz-ks");
        await admin.Locator("#addCode").FillAsync("js-sz-ks-crew9");
        await admin.Locator("#addKind").SelectOptionAsync("crew");
        await admin.Locator("#addNameZh").FillAsync("国网昆山市供电公司第九抢修班");
        await admin.Locator("#addNameEn").FillAsync("Kunshan Repair Crew 9");
        await admin.Locator("#addAreaCodes").FillAsync("320583");
        await admin.Locator("#addReason").FillAsync("新设抢修班");
        await admin.GetByRole(AriaRole.Button, new() { Name = "新增", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[data-test=unit-outcome]")).ToContainTextAsync("已新增 js-sz-ks-crew9");
        await Site.ScreenshotAsync(admin, "org-unit-add");

        // Tighten: the crew's own repairArrival limit is 60 minutes, below the county's 90.
        await admin.GetByRole(AriaRole.Link, new() { Name = "国网昆山市供电公司第九抢修班", Exact = true }).ClickAsync();
        await Expect(admin.Locator("h1")).ToContainTextAsync("js-sz-ks-crew9");
        await Expect(admin.Locator("#clock-repairArrival-hint")).ToContainTextAsync("90");
        await admin.GetByLabel("抢修到达现场").FillAsync("60");
        await admin.Locator("#officeHours").FillAsync("08:30-12:00, 13:30-17:30");
        await admin.Locator("#editReason").FillAsync("城区抢修收紧到达时限");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.Locator("[data-test=unit-outcome]")).ToContainTextAsync("已保存");
        await Expect(admin.GetByLabel("抢修到达现场")).ToHaveValueAsync("60");
        await Site.ScreenshotAsync(admin, "org-unit-tighten");
        var crew = await site.Server.Client.GetFromJsonAsync<JsonElement>("/api/org/units/js-sz-ks-crew9");
        Assert.Equal(60, crew.GetProperty("rules").GetProperty("clocks").GetProperty("repairArrival").GetProperty("amount").GetInt32());
        Assert.Equal("08:30", crew.GetProperty("officeHours")[0].GetProperty("from").GetString());

        // Loosen: 150 is more than the county's 90; the use case refuses it next to the field.
        await admin.GetByLabel("抢修到达现场").FillAsync("150");
        await admin.Locator("#editReason").FillAsync("放宽到达时限");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.Locator("[id='clocks.repairArrival-problem']")).ToContainTextAsync("looser");
        await Expect(admin.GetByLabel("抢修到达现场")).ToHaveAttributeAsync("aria-invalid", "true");
        await Site.ScreenshotAsync(admin, "org-unit-loosen-refused");
        crew = await site.Server.Client.GetFromJsonAsync<JsonElement>("/api/org/units/js-sz-ks-crew9");
        Assert.Equal(60, crew.GetProperty("rules").GetProperty("clocks").GetProperty("repairArrival").GetProperty("amount").GetInt32());

        // Remove: the county still has units below it (409, said on the page); the new crew goes.
        await admin.GotoAsync("/org/units/js-sz-ks");
        await admin.Locator("#removeReason").FillAsync("试撤销");
        await admin.GetByRole(AriaRole.Button, new() { Name = "撤销", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[role=alert]")).ToContainTextAsync("still has units below it");
        await admin.GotoAsync("/org/units/js-sz-ks-crew9");
        await admin.Locator("#removeReason").FillAsync("抢修班合并");
        await admin.GetByRole(AriaRole.Button, new() { Name = "撤销", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[data-test=unit-outcome]")).ToContainTextAsync("已撤销 js-sz-ks-crew9");
        await Expect(admin.Locator("h1")).ToContainTextAsync("js-sz-ks");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "国网昆山市供电公司第九抢修班" })).ToHaveCountAsync(0);
        await Site.ScreenshotAsync(admin, "org-unit-remove");
        var tree = await site.Server.Client.GetFromJsonAsync<JsonElement>("/api/org");
        Assert.DoesNotContain(tree.GetProperty("units").EnumerateArray(), u => u.GetProperty("code").GetString() == "js-sz-ks-crew9");
    }

    [Fact]
    public async Task Someone_without_the_manage_org_right_reads_the_tree_but_is_offered_no_change()
    {
        var password = await site.PersonAsync("browser.org.reader", "js-nj-jn", "supervisor");
        var page = await site.NewPageAsync();
        await page.SignInHomeAsync("browser.org.reader", password);
        await page.GotoAsync("/org");
        await Expect(page.Locator("[data-test=org-tree]")).ToContainTextAsync("国网江苏省电力有限公司");
        await Expect(page.GetByLabel("文件内容")).ToHaveCountAsync(0);
        await page.GotoAsync("/org/units/js-nj-jn");
        await Expect(page.Locator("h1")).ToContainTextAsync("js-nj-jn");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "保存" })).ToHaveCountAsync(0);
    }

    private static async Task<string> ExportAsync(IPage page, string format)
    {
        var response = await page.Context.APIRequest.GetAsync($"/org/export?format={format}");
        Assert.True(response.Ok, $"export answered {response.Status}");
        return (await response.TextAsync()).ReplaceLineEndings("\n");
    }
}
