using Closeloop.Browser.Tests.Infrastructure;

namespace Closeloop.Browser.Tests.Web;

/// <summary>The working pages fit a laptop and a tablet: nothing makes the whole page scroll sideways.</summary>
public sealed class LayoutTests(Site site)
{
    public static readonly TheoryData<int, int> Screens = new() { { 1366, 768 }, { 820, 1180 } };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_agents_and_dispatchers_pages_fit_the_screen_without_sideways_scrolling(int width, int height)
    {
        foreach (var (user, paths) in new[] { ("agent", new[] { "/intake", "/queue", "/" }), ("dispatcher", new[] { "/queue" }), ("manager", new[] { "/overview" }) })
        {
            var page = await site.NewPageAsync(width, height);
            await page.SignInHomeAsync(user, site.DemoPassword(user));
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                await page.Locator("h1").WaitForAsync();
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} as {user} at {width}×{height} scrolls {overflow} px sideways");
                await Site.ScreenshotAsync(page, $"layout-{user}{path.Replace('/', '-')}-{width}");
            }
            await page.Context.CloseAsync();
        }
    }
}
