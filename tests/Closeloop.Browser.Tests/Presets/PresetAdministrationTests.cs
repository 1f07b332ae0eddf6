using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Closeloop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Closeloop.Browser.Tests.Presets;

// A rule change moves the rule version every org change is made on: run apart from the org page's tests.
[Collection(RuleChanges.Name)]
public sealed class PresetAdministrationTests(Site site)
{
    [Fact]
    public async Task An_administrator_sees_a_bad_preset_refused_then_uploads_a_changed_clock_sees_the_diff_and_applies_it()
    {
        var preset = (await site.Server.Client.GetFromJsonAsync<JsonElement>("/api/presets")).GetProperty("files").GetProperty("preset.yaml").GetString()!;
        // The meter check clock, not the service request's subtype of the same code.
        var meterCheck = preset.IndexOf("code: meterCheck", preset.IndexOf("\nclocks:", StringComparison.Ordinal), StringComparison.Ordinal);
        var amount = preset.IndexOf("amount: 5,", meterCheck, StringComparison.Ordinal);
        var bad = preset[..meterCheck] + preset[meterCheck..].Replace("unit: workingDays", "unit: fortnights", StringComparison.Ordinal);
        var longer = preset[..amount] + "amount: 7," + preset[(amount + "amount: 5,".Length)..];

        var admin = await site.NewPageAsync();
        await admin.SignInHomeAsync("admin", site.DemoPassword("admin"));
        await admin.GetByRole(AriaRole.Link, new() { Name = "规则预设", Exact = true }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("业务规则预设");
        await Expect(admin.GetByLabel("preset.yaml 内容")).ToHaveValueAsync(preset);

        // A bad file: the problem names the file, the path in it and the line; nothing changes.
        await admin.GetByLabel("preset.yaml 内容").FillAsync(bad);
        await admin.GetByRole(AriaRole.Button, new() { Name = "检查", Exact = true }).ClickAsync();
        var problem = admin.Locator("[data-test=preset-problem]").First;
        await Expect(problem).ToContainTextAsync("preset.yaml");
        await Expect(problem).ToContainTextAsync("limit.unit");
        await Expect(problem).ToContainTextAsync("unknown unit 'fortnights'");
        await Expect(problem).ToContainTextAsync("第 " + (bad[..bad.IndexOf("fortnights", StringComparison.Ordinal)].Count(c => c == '\n') + 1) + " 行");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "应用", Exact = true })).ToHaveCountAsync(0);
        await Site.ScreenshotAsync(admin, "presets-problems");

        // An uploaded file with a longer meter check: the business diff and the line diff, then apply.
        await admin.GetByLabel("或上传文件").SetInputFilesAsync(new FilePayload { Name = "preset.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(longer) });
        await admin.GetByRole(AriaRole.Button, new() { Name = "检查", Exact = true }).ClickAsync();
        var rules = admin.Locator("[data-test=preset-rule-changes]");
        await Expect(rules).ToContainTextAsync("meterCheck");
        await Expect(rules).ToContainTextAsync("5 workingDays");
        await Expect(rules).ToContainTextAsync("7 workingDays");
        await Expect(admin.Locator("[data-test=preset-line-diff] .ld-added")).ToContainTextAsync("amount: 7");
        await Expect(admin.Locator("[data-test=preset-problems]")).ToHaveCountAsync(0);
        await Site.ScreenshotAsync(admin, "presets-diff");

        await admin.GetByLabel("变更原因").FillAsync("计量检定时限延长");
        await admin.GetByRole(AriaRole.Button, new() { Name = "应用", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[data-test=preset-outcome]")).ToContainTextAsync("已应用");
        await Expect(admin.Locator("[data-test=changed-by]")).ToContainTextAsync("计量检定时限延长");
        var now = await site.Server.Client.GetFromJsonAsync<JsonElement>("/api/presets");
        Assert.Equal(longer, now.GetProperty("files").GetProperty("preset.yaml").GetString());
        Assert.Equal("admin", now.GetProperty("changedBy").GetString());
        await Site.ScreenshotAsync(admin, "presets-applied");
    }
}
