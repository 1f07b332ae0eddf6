using System.Diagnostics;
using System.Globalization;

namespace Closeloop.Bench;

/// <summary>What a process used over a measured window, read from <c>/proc/&lt;pid&gt;</c>.</summary>
public sealed record ProcessUsage(double RssPeakMb, double RssAverageMb, double CpuPercent, int Samples);

/// <summary>Samples another process's resident memory (VmRSS) every half second and its CPU time at both ends.</summary>
public static class ProcessSampler
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits for <paramref name="from"/> (a <see cref="Stopwatch"/> timestamp), then samples until <paramref name="to"/>.</summary>
    public static async Task<ProcessUsage?> SampleAsync(int pid, long from, long to)
    {
        await DelayUntil(from);
        var cpuStart = CpuSeconds(pid);
        var wallStart = Stopwatch.GetTimestamp();
        var samples = new List<long>();
        while (Stopwatch.GetTimestamp() < to)
        {
            if (RssKb(pid) is { } kb)
                samples.Add(kb);
            var next = Stopwatch.GetTimestamp() + (long)(Interval.TotalSeconds * Stopwatch.Frequency);
            await DelayUntil(Math.Min(next, to));
        }
        if (RssKb(pid) is { } last)
            samples.Add(last);
        var cpuEnd = CpuSeconds(pid);
        var wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        if (samples.Count == 0 || cpuStart is null || cpuEnd is null)
            return null;
        return new ProcessUsage(
            samples.Max() / 1024.0, samples.Average() / 1024.0, wall > 0 ? (cpuEnd.Value - cpuStart.Value) / wall * 100 : double.NaN, samples.Count);
    }

    public static long? RssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>User + system CPU seconds (fields 14 and 15 of /proc/pid/stat, in 1/100 s).</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task DelayUntil(long timestamp)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0)
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
    }
}
