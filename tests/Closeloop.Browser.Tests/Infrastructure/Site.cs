using Closeloop.Server.People;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Closeloop.Browser.Tests.Infrastructure;

/// <summary>
/// One real Closeloop server on a fresh SQLite database and one headless Debian chromium, shared by
/// every browser test; each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class Site : IAsyncLifetime
{
    // Debian's chromium runs without its sandbox as root in CI, and without anything that phones home.
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _folder = Directory.CreateTempSubdirectory("closeloop-browser-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public TestServer Server { get; private set; } = null!;

    public Uri Address => Server.Anonymous.BaseAddress!;

    /// <summary>Where screenshots go: artifacts/screenshots in the repository (test output, not committed).</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "closeloop.db") }.ToString();
        Server = await TestServer.StartAsync("sqlite", database);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh browser (no cookies) at a laptop's 1366×768, or another size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The password the first start printed for a demo account.</summary>
    public string DemoPassword(string userName) => Server.FirstAccounts.Single(a => a.UserName == userName).Password;

    /// <summary>A new person with a password the test knows, made directly in the database.</summary>
    public async Task<string> PersonAsync(string userName, string unit, params string[] roles)
    {
        var password = Passwords.Generate();
        await Server.QueryAsync(async db =>
        {
            db.Users.Add(ManagePeople.New(userName, userName, unit, roles, password, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        return password;
    }

    /// <summary>A page signed in as a new person of <paramref name="unit"/> with one role.</summary>
    public async Task<IPage> SignedInAsync(string userName, string unit, string role)
    {
        var password = await PersonAsync(userName, unit, role);
        var page = await NewPageAsync();
        await page.SignInHomeAsync(userName, password);
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Closeloop.slnx")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
