using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Closeloop.Bench;

/// <summary>
/// Creates work orders over HTTP from N concurrent loops, each sending its next request as soon as
/// the last one answered (closed loop), and reports throughput and latency over the measured window.
/// </summary>
public static class CreateCommand
{
    private sealed class Worker
    {
        public List<long> Latencies { get; } = new(64 * 1024);
        public int Errors { get; set; }
        public int WarmupRequests { get; set; }
    }

    public static async Task<int> RunAsync(Options options)
    {
        var url = options.Text("url", "http://127.0.0.1:5081");
        var token = options.Required("token");
        var clients = options.Number("clients", 32, min: 1);
        var duration = options.Seconds("duration", 20);
        var warmup = options.Seconds("warmup", 3);
        var serverPid = options.Number("server-pid", 0, min: 0) is > 0 and var pid0 ? pid0 : (int?)null;
        var seed = options.Number("seed", 1);
        options.RejectUnknown();

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // Bodies are made up front so the generator spends its CPU on requests, not on JSON.
        var random = new Random(seed);
        var bodies = Enumerable.Range(0, 4096).Select(i => Payloads.CreateBody(Payloads.Make(random))).ToArray();
        var json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var run = Guid.NewGuid().ToString("N")[..12];
        long sequence = 0;
        string? firstError = null;

        var freq = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup * freq);
        var measureEnd = measureStart + (long)(duration * freq);
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"create: {clients} clients against {url} for {warmup:0.#} s warm-up + {duration:0.#} s measured{(serverPid is { } p ? $", server pid {p}" : "")}"));

        var sampling = serverPid is { } pid ? ProcessSampler.SampleAsync(pid, measureStart, measureEnd) : Task.FromResult<ProcessUsage?>(null);
        var workers = Enumerable.Range(0, clients).Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select((worker, w) => Task.Run(async () =>
        {
            var i = w * 7919;
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= measureEnd)
                    break;
                var n = Interlocked.Increment(ref sequence);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/work-orders")
                {
                    Content = new ByteArrayContent(bodies[i++ % bodies.Length]),
                };
                request.Content.Headers.ContentType = json;
                request.Headers.TryAddWithoutValidation("Idempotency-Key", $"bench-{run}-{n}");
                string? error = null;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.Created)
                        error = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                var t1 = Stopwatch.GetTimestamp();
                if (error is not null)
                    Interlocked.CompareExchange(ref firstError, error, null);
                // Counted when it completed inside the measured window.
                if (t1 < measureStart)
                    worker.WarmupRequests++;
                else if (t1 <= measureEnd)
                {
                    if (error is null)
                        worker.Latencies.Add(t1 - t0);
                    else
                        worker.Errors++;
                }
            }
        })));
        var usage = await sampling;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds / Stopwatch.GetElapsedTime(start).TotalSeconds * 100;

        var latencies = Latencies.Of(workers.SelectMany(w => w.Latencies));
        var errors = workers.Sum(w => w.Errors);
        var rps = latencies.Count / duration;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  requests {latencies.Count + errors} ({errors} errors, {workers.Sum(w => w.WarmupRequests)} in warm-up)  throughput {rps:F1} creates/s"));
        Console.WriteLine($"  latency  {latencies.Describe()}");
        if (usage is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  server   RSS peak {usage.RssPeakMb:F1} MB, average {usage.RssAverageMb:F1} MB ({usage.Samples} samples); CPU {usage.CpuPercent:F0} % of one core"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  client   CPU {clientCpu:F0} % of one core"));
        if (firstError is not null)
            Console.WriteLine($"  first error: {Truncate(firstError, 2000)}");

        var rss = usage is null
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" rss_peak_mb={usage.RssPeakMb:F1} rss_avg_mb={usage.RssAverageMb:F1} server_cpu_pct={usage.CpuPercent:F0}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT create clients={clients} duration={duration:0.###} requests={latencies.Count + errors} errors={errors} rps={rps:F1} {latencies.Fields()}{rss} client_cpu_pct={clientCpu:F0}"));
        return errors == 0 && latencies.Count > 0 ? 0 : 1;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
