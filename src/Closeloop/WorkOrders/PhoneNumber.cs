using System.Text.RegularExpressions;

namespace Closeloop.WorkOrders;

/// <summary>
/// A customer's phone number in mainland China: a mobile (11 digits, 1[3-9]…) or a fixed line with
/// its area code (010 and 02x have three digits, the rest four) and 7–8 local digits, optionally an
/// extension. Kept normalised: <c>13812345678</c>, <c>025-84561234</c>, <c>0512-65432100-808</c>.
/// </summary>
public readonly partial record struct PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>Accepts spaces, dashes, brackets, a +86 / 0086 prefix and an extension after 转, # or ext, as agents type them.</summary>
    public static bool TryParse(string? text, out PhoneNumber phone)
    {
        phone = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = ExtensionRegex().Match(text.Trim());
        var digits = SeparatorRegex().Replace(parts.Groups["main"].Value, "");
        if (digits.StartsWith("+86", StringComparison.Ordinal))
            digits = digits[3..];
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
            digits = digits[4..];
        if (!digits.All(char.IsAsciiDigit))
            return false;
        var extension = parts.Groups["ext"].Success ? parts.Groups["ext"].Value : null;

        if (digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9')
        {
            if (extension is not null)
                return false;
            phone = new PhoneNumber(digits);
            return true;
        }

        if (digits.Length < 2 || digits[0] != '0')
            return false;
        var areaLength = digits[1] is '1' or '2' ? 3 : 4;
        var local = digits[Math.Min(areaLength, digits.Length)..];
        if (local.Length is < 7 or > 8 || local[0] is '0' or '1')
            return false;
        phone = new PhoneNumber(extension is null ? $"{digits[..areaLength]}-{local}" : $"{digits[..areaLength]}-{local}-{extension}");
        return true;
    }

    /// <exception cref="FormatException">The text is not a phone number.</exception>
    public static PhoneNumber Parse(string text) =>
        TryParse(text, out var phone) ? phone : throw new FormatException($"'{text}' is not a phone number");

    /// <summary>The number as shown to someone not working the order: <c>138****5678</c>, <c>025-****1234</c>.</summary>
    public string Masked()
    {
        if (!Value.Contains('-', StringComparison.Ordinal))
            return $"{Value[..3]}****{Value[7..]}";
        var parts = Value.Split('-');
        return $"{parts[0]}-****{parts[1][^4..]}";
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<main>.+?)(?:\s*(?:转|#|ext\.?|x)\s*(?<ext>\d{1,6}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionRegex();

    [GeneratedRegex(@"[\s\-()（）]+")]
    private static partial Regex SeparatorRegex();
}
