using System.Diagnostics;
using System.Globalization;

namespace Closeloop.Bench;

/// <summary>Percentiles of a set of latencies measured in <see cref="Stopwatch"/> ticks, in milliseconds.</summary>
public sealed record Latencies(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static Latencies Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
            return new Latencies(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Latencies(
            sorted.Length,
            Ms(sorted.Average(t => (double)t)),
            Ms(Rank(sorted, 0.50)),
            Ms(Rank(sorted, 0.95)),
            Ms(Rank(sorted, 0.99)),
            Ms(sorted[^1]));
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the samples at or below it.</summary>
    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F2} ms  p95 {P95:F2} ms  p99 {P99:F2} ms  max {Max:F2} ms  mean {Mean:F2} ms");

    public string Fields() =>
        string.Create(CultureInfo.InvariantCulture, $"p50={P50:F2} p95={P95:F2} p99={P99:F2} max={Max:F2} mean={Mean:F2}");
}
