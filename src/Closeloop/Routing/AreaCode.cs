namespace Closeloop.Routing;

/// <summary>
/// A six-digit administrative division code (行政区划代码) such as 320115 (Jiangning district). A code
/// ending in 0000 names a province and 00 a city; such a code covers every code under it, so a
/// routing rule on 320000 matches a customer in 320115.
/// </summary>
public readonly record struct AreaCode
{
    private AreaCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>How many leading digits the code fixes: 2 for a province, 4 for a city, 6 for a county or district.</summary>
    public int Specificity => Value.EndsWith("0000", StringComparison.Ordinal) ? 2 : Value.EndsWith("00", StringComparison.Ordinal) ? 4 : 6;

    /// <summary>Whether <paramref name="other"/> is this code or lies under it.</summary>
    public bool Covers(AreaCode other) => string.CompareOrdinal(Value, 0, other.Value, 0, Specificity) == 0;

    /// <summary>Six digits, not starting with 00.</summary>
    public static bool TryParse(string? text, out AreaCode code)
    {
        code = default;
        if (text is not { Length: 6 } || !text.All(char.IsAsciiDigit) || text.StartsWith("00", StringComparison.Ordinal))
            return false;
        code = new AreaCode(text);
        return true;
    }

    /// <exception cref="FormatException">Not six digits, or starting with 00.</exception>
    public static AreaCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a 6-digit area code");

    public override string ToString() => Value;
}
