using System.Diagnostics;
using System.Net;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Hosting;

public sealed class HostingTests(Databases databases)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_health_endpoint_reports_a_reachable_database(string database)
    {
        var server = await databases.SharedAsync(database);

        using var response = await server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_one_endpoint_per_lifecycle_action_and_the_API_page_is_served()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        var document = await server.Client.GetStringAsync("/openapi/v1.json");
        using var page = await server.Client.GetAsync("/scalar/v1");

        foreach (var action in new[] { "resolve", "dispatch", "receive", "return", "handle", "review", "reply", "archive" })
            Assert.Contains($"/api/work-orders/{{key}}/{action}", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Help_lists_every_option_and_an_unknown_option_stops_the_start()
    {
        var (helpCode, help) = await RunServerAsync("--help");
        var (unknownCode, unknown) = await RunServerAsync("--databse=x");

        Assert.Equal(0, helpCode);
        foreach (var option in new[] { "--urls", "--database", "--preset", "--presets-dir", "--data-dir", "--help" })
            Assert.Contains(option, help, StringComparison.Ordinal);
        Assert.Equal(2, unknownCode);
        Assert.Contains("Unknown option '--databse'", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_preset_stops_the_start_with_its_file_and_path()
    {
        var presets = Directory.CreateTempSubdirectory("closeloop-presets-").FullName;
        try
        {
            var folder = Path.Combine(presets, "broken");
            Directory.CreateDirectory(folder);
            var source = Path.Combine(AppContext.BaseDirectory, "presets", "sgcc-95598");
            File.WriteAllText(Path.Combine(folder, "preset.yaml"),
                File.ReadAllText(Path.Combine(source, "preset.yaml")).Replace("preset: sgcc-95598", "preset: broken", StringComparison.Ordinal)
                    .Replace("contentMaxLength: 2000", "contentMaxLength: -5", StringComparison.Ordinal));
            File.Copy(Path.Combine(source, "org.yaml"), Path.Combine(folder, "org.yaml"));
            var calendars = Directory.CreateDirectory(Path.Combine(presets, "calendars")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "presets", "calendars")))
                File.Copy(file, Path.Combine(calendars, Path.GetFileName(file)));

            var (code, output) = await RunServerAsync($"--presets-dir={presets}", "--preset=broken", "--urls=http://127.0.0.1:0");

            Assert.Equal(1, code);
            Assert.Contains("broken/preset.yaml: workOrders.contentMaxLength: must be between 1 and 100000", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(presets, recursive: true);
        }
    }

    [Fact]
    public async Task The_first_start_prints_each_demo_account_with_its_password_and_the_second_start_none()
    {
        var data = Directory.CreateTempSubdirectory("closeloop-data-").FullName;
        try
        {
            var first = await RunUntilAsync("Press Ctrl+C", $"--data-dir={data}", "--urls=http://127.0.0.1:0");
            var second = await RunUntilAsync("Press Ctrl+C", $"--data-dir={data}", "--urls=http://127.0.0.1:0");

            Assert.Contains("First start: these accounts were made", first, StringComparison.Ordinal);
            Assert.Matches(@"\n  agent +[A-Za-z2-9]{16} +sgcc-csc +agent", first);
            Assert.Matches(@"\n  auditor +[A-Za-z2-9]{16} +sgcc +auditor", first);
            Assert.DoesNotContain("First start", second, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_demo_account_in_an_unknown_unit_stops_the_start_with_its_file_and_path()
    {
        var presets = Directory.CreateTempSubdirectory("closeloop-presets-").FullName;
        try
        {
            var source = Path.Combine(AppContext.BaseDirectory, "presets");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(presets, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            var accounts = Path.Combine(presets, "sgcc-95598", "demo-accounts.yaml");
            File.WriteAllText(accounts, File.ReadAllText(accounts).Replace("unit: js-csc", "unit: js-nowhere", StringComparison.Ordinal));

            var (code, output) = await RunServerAsync($"--presets-dir={presets}", $"--data-dir={presets}/data", "--urls=http://127.0.0.1:0");

            Assert.Equal(1, code);
            Assert.Contains("demo-accounts.yaml: accounts[1].unit: unknown org unit 'js-nowhere'", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(presets, recursive: true);
        }
    }

    // Starts the real server, reads its console until a line containing `until`, then stops it.
    private static async Task<string> RunUntilAsync(string until, params string[] args)
    {
        using var process = StartServer(args);
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.Append(line).Append('\n');
                if (line.Contains(until, StringComparison.Ordinal))
                    break;
            }
            // The accounts follow the banner: read what is already written.
            await Task.Delay(500, timeout.Token);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        output.Append(await process.StandardOutput.ReadToEndAsync(CancellationToken.None));
        return output.ToString();
    }

    private static async Task<(int ExitCode, string Output)> RunServerAsync(params string[] args)
    {
        using var process = StartServer(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    // The real program, as an operator starts it, with its console captured.
    private static Process StartServer(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Closeloop.Server.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
