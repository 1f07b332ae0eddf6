using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Closeloop.Bench;

/// <summary>
/// Times one GET repeated, one request at a time. With <c>--follow-next K</c> it first walks K pages
/// of a list along its <c>next</c> cursors and then times the page it reached (a deep keyset page).
/// API paths take <c>--token</c>; a workbench page takes <c>--user</c> and <c>--password</c> and is
/// fetched with the cookie the sign-in form gives, as a browser would.
/// </summary>
public static partial class QueryCommand
{
    public static async Task<int> RunAsync(Options options)
    {
        var url = options.Text("url", "http://127.0.0.1:5081");
        var user = options.Text("user", "");
        var token = user.Length == 0 ? options.Required("token") : null;
        var password = user.Length == 0 ? null : options.Required("password");
        var path = options.Required("path");
        var requests = options.Number("requests", 200, min: 1);
        var follow = options.Number("follow-next", 0);
        var warmup = options.Number("warmup", 10);
        var name = options.Text("name", "query");
        options.RejectUnknown();

        using var handler = new SocketsHttpHandler
        {
            UseCookies = token is null, CookieContainer = new CookieContainer(), UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        else if (await SignInAsync(http, user, password!) is { } refused)
            return Fail(name, refused);

        var timed = path;
        var depth = 0;
        if (follow > 0)
        {
            string? next = null;
            for (var page = 1; page <= follow; page++)
            {
                var (status, body) = await GetAsync(http, WithCursor(path, next));
                if (status != HttpStatusCode.OK)
                    return Fail(name, $"walking to page {page}: HTTP {(int)status}: {body}");
                var cursor = ReadNext(body);
                if (cursor is null)
                    break;
                next = cursor;
                depth = page;
            }
            if (next is not null)
                timed = WithCursor(path, next);
            if (depth < follow)
                Console.WriteLine($"  note: the list ends after {depth + 1} pages; timing page {depth + 1} (after {depth} cursors) instead of {follow + 1}");
        }

        var (firstStatus, firstBody) = await GetAsync(http, timed);
        if (firstStatus != HttpStatusCode.OK)
            return Fail(name, $"HTTP {(int)firstStatus}: {firstBody}");
        var items = CountItems(firstBody);
        for (var i = 1; i < warmup; i++)
            await GetAsync(http, timed);

        var latencies = new List<long>(requests);
        var errors = 0;
        for (var i = 0; i < requests; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var (status, _) = await GetAsync(http, timed);
            var t1 = Stopwatch.GetTimestamp();
            if (status == HttpStatusCode.OK)
                latencies.Add(t1 - t0);
            else
                errors++;
        }

        var summary = Latencies.Of(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"query {name}: GET {Shorten(timed)}  page {depth + 1}, {(items is { } n ? $"{n} items" : "no item list")}, {requests} requests ({errors} errors)"));
        Console.WriteLine($"  latency  {summary.Describe()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT query name={name} page={depth + 1} items={items?.ToString(CultureInfo.InvariantCulture) ?? "-"} requests={requests} errors={errors} {summary.Fields()}"));
        return errors == 0 ? 0 : 1;
    }

    // The sign-in form as a browser sends it: its hidden fields (anti-forgery token, form name) and the two inputs.
    private static async Task<string?> SignInAsync(HttpClient http, string user, string password)
    {
        var page = await http.GetStringAsync("/signin");
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(page))
        {
            var tag = input.Value;
            var fieldName = Attribute(tag, "name");
            if (fieldName is null)
                continue;
            if (Attribute(tag, "type") == "hidden")
                fields[fieldName] = Attribute(tag, "value") ?? "";
            else if (Attribute(tag, "id") == "userName")
                fields[fieldName] = user;
            else if (Attribute(tag, "id") == "password")
                fields[fieldName] = password;
        }
        using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(fields));
        var landed = response.RequestMessage?.RequestUri?.AbsolutePath;
        return response.IsSuccessStatusCode && landed != "/signin" ? null : $"sign-in as {user} failed: HTTP {(int)response.StatusCode} at {landed}";
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, "\\s" + name + "=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string WithCursor(string path, string? next) =>
        next is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}after={Uri.EscapeDataString(next)}";

    private static string? ReadNext(string body)
    {
        if (!body.StartsWith('{'))
            return null;
        using var json = JsonDocument.Parse(body);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String
            ? next.GetString()
            : null;
    }

    private static int? CountItems(string body)
    {
        if (!body.StartsWith('{'))
            return null;
        using var json = JsonDocument.Parse(body);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.GetArrayLength()
            : null;
    }

    private static string Shorten(string path) => path.Length <= 120 ? path : path[..117] + "…";

    private static int Fail(string name, string message)
    {
        Console.WriteLine($"query {name}: {(message.Length > 2000 ? message[..2000] + "…" : message)}");
        Console.WriteLine($"RESULT query name={name} error=1");
        return 1;
    }
}
