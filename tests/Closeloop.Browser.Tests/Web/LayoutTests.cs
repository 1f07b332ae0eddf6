using Closeloop.Browser.Tests.Infrastructure;

namespace Closeloop.Browser.Tests.Web;

/// <summary>
/// The working pages fit a laptop and a tablet (nothing makes the whole page scroll sideways), and
/// every field on them has a label a screen reader reads out.
/// </summary>
public sealed class LayoutTests(Site site)
{
    public static readonly TheoryData<int, int> Screens = new() { { 1366, 768 }, { 820, 1180 } };

    // Visible form controls with neither a <label> nor an aria-label(ledby).
    private const string UnlabelledFields = """
        () => [...document.querySelectorAll("main input, main select, main textarea")]
            .filter(e => e.type !== "hidden" && e.type !== "submit" && e.type !== "button")
            .filter(e => e.labels.length === 0 && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
            .map(e => e.id || e.name || e.outerHTML.slice(0, 60))
        """;

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_agents_and_dispatchers_pages_fit_the_screen_without_sideways_scrolling(int width, int height)
    {
        foreach (var (user, paths) in new[] { ("agent", new[] { "/intake", "/queue", "/", "/account" }), ("dispatcher", new[] { "/queue" }), ("manager", new[] { "/overview" }), ("admin", new[] { "/people", "/org", "/org/units/js-nj-jn", "/presets" }) })
        {
            var page = await site.NewPageAsync(width, height);
            await page.SignInHomeAsync(user, site.DemoPassword(user));
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                await page.Locator("h1").WaitForAsync();
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} as {user} at {width}×{height} scrolls {overflow} px sideways");
                var unlabelled = await page.EvaluateAsync<string[]>(UnlabelledFields);
                Assert.True(unlabelled.Length == 0, $"{path} has fields without a label: {string.Join(", ", unlabelled)}");
                await Site.ScreenshotAsync(page, $"layout-{user}{path.Replace('/', '-')}-{width}");
            }
            await page.Context.CloseAsync();
        }
    }
}
