using System.Globalization;

namespace Closeloop.Bench;

/// <summary>A bad or missing command-line option.</summary>
public sealed class OptionException(string message) : Exception(message);

/// <summary><c>--name value</c> and <c>--name=value</c> options; unknown names are refused.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public static Options Parse(string[] args, int start)
    {
        var options = new Options();
        for (var i = start; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
                throw new OptionException($"unexpected argument '{arg}'");
            var name = arg[2..];
            string value;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new OptionException($"--{name} needs a value");
            }
            options._values[name] = value;
        }
        return options;
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public string Required(string name) => Text(name) ?? throw new OptionException($"--{name} is required");

    public int Number(string name, int fallback, int min = 0)
    {
        var text = Text(name);
        if (text is null)
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new OptionException($"--{name} must be a whole number ≥ {min}, not '{text}'");
        return value;
    }

    public double Seconds(string name, double fallback)
    {
        var text = Text(name);
        if (text is null)
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            throw new OptionException($"--{name} must be a number of seconds, not '{text}'");
        return value;
    }

    /// <summary>Call after reading every option: a misspelt option stops the run instead of being ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new OptionException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
