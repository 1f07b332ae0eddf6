using Microsoft.Playwright;

namespace Closeloop.Browser.Tests.Infrastructure;

/// <summary>What a person does on the pages, said once so each test says only what differs.</summary>
public static class Pages
{
    /// <summary>Fills and sends the sign-in form, in whatever language the page is in.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/signin", StringComparison.Ordinal))
            await page.GotoAsync("/signin");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        // Wait for the server's answer, so that attempts in a row are each counted.
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("form button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>Signs in and waits for the home page.</summary>
    public static async Task SignInHomeAsync(this IPage page, string userName, string password)
    {
        await page.SignInAsync(userName, password);
        await page.Locator("[data-test=userName]").WaitForAsync();
    }
}
