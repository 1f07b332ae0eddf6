namespace Closeloop.Server.Presets;

/// <summary>
/// A line diff of two texts as people read one: changed lines with three lines of context, and a
/// <c>skipped</c> line standing for each unchanged stretch between them.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    // Beyond this many cells the middle is shown as removed then added rather than aligned line by line.
    private const long MaxCells = 4_000_000;

    /// <param name="Kind"><c>context</c>, <c>removed</c>, <c>added</c> or <c>skipped</c>.</param>
    /// <param name="Old">The line's number in the old text; null for an added line.</param>
    /// <param name="New">The line's number in the new text; null for a removed line.</param>
    public sealed record Line(string Kind, int? Old, int? New, string Text);

    public static IReadOnlyList<Line> Between(string before, string after)
    {
        var old = Split(before);
        var now = Split(after);
        var all = Align(old, now);
        if (all.All(l => l.Kind == "context"))
            return [];

        var shown = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Kind == "context")
                continue;
            for (var j = Math.Max(0, i - Context); j <= Math.Min(all.Count - 1, i + Context); j++)
                shown[j] = true;
        }
        var lines = new List<Line>();
        for (var i = 0; i < all.Count;)
        {
            if (shown[i])
            {
                lines.Add(all[i++]);
                continue;
            }
            var start = i;
            while (i < all.Count && !shown[i])
                i++;
            lines.Add(new Line("skipped", all[start].Old, all[start].New, $"{i - start}"));
        }
        return lines;
    }

    private static string[] Split(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    // Longest common subsequence on the part between the common head and tail.
    private static List<Line> Align(string[] old, string[] now)
    {
        var head = 0;
        while (head < old.Length && head < now.Length && old[head] == now[head])
            head++;
        var tail = 0;
        while (tail < old.Length - head && tail < now.Length - head && old[^(tail + 1)] == now[^(tail + 1)])
            tail++;

        var lines = new List<Line>();
        for (var i = 0; i < head; i++)
            lines.Add(new Line("context", i + 1, i + 1, old[i]));
        int n = old.Length - head - tail, m = now.Length - head - tail;
        if ((long)n * m > MaxCells)
        {
            for (var i = 0; i < n; i++)
                lines.Add(new Line("removed", head + i + 1, null, old[head + i]));
            for (var j = 0; j < m; j++)
                lines.Add(new Line("added", null, head + j + 1, now[head + j]));
        }
        else
        {
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                    lcs[i, j] = old[head + i] == now[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
            int a = 0, b = 0;
            while (a < n || b < m)
            {
                if (a < n && b < m && old[head + a] == now[head + b])
                {
                    lines.Add(new Line("context", head + a + 1, head + b + 1, old[head + a]));
                    a++;
                    b++;
                }
                else if (a < n && (b == m || lcs[a + 1, b] >= lcs[a, b + 1]))
                {
                    lines.Add(new Line("removed", head + a + 1, null, old[head + a]));
                    a++;
                }
                else
                {
                    lines.Add(new Line("added", null, head + b + 1, now[head + b]));
                    b++;
                }
            }
        }
        for (var i = tail; i > 0; i--)
            lines.Add(new Line("context", old.Length - i + 1, now.Length - i + 1, old[^i]));
        return lines;
    }
}
