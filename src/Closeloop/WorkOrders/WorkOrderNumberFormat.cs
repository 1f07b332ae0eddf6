using System.Globalization;
using System.Text.RegularExpressions;

namespace Closeloop.WorkOrders;

/// <summary>
/// How work-order numbers read, e.g. <c>{date:yyyyMMdd}{seq:000000}</c> gives <c>20261123000042</c>:
/// the local date of acceptance and a sequence that starts again every day.
/// </summary>
public sealed partial class WorkOrderNumberFormat
{
    private readonly string _prefix;
    private readonly string _dateFormat;
    private readonly string _middle;
    private readonly string _sequenceFormat;
    private readonly string _suffix;

    private WorkOrderNumberFormat(string pattern, string prefix, string dateFormat, string middle, string sequenceFormat, string suffix)
    {
        Pattern = pattern;
        _prefix = prefix;
        _dateFormat = dateFormat;
        _middle = middle;
        _sequenceFormat = sequenceFormat;
        _suffix = suffix;
    }

    public string Pattern { get; }

    /// <exception cref="FormatException">The pattern lacks <c>{date:…}</c> before <c>{seq:0…}</c>, or has other braces.</exception>
    public static WorkOrderNumberFormat Parse(string pattern)
    {
        var match = PatternRegex().Match(pattern);
        if (!match.Success)
            throw new FormatException($"number format '{pattern}' must be literal text around one {{date:…}} followed by one {{seq:0…}}, e.g. {{date:yyyyMMdd}}{{seq:000000}}");
        var dateFormat = match.Groups["date"].Value;
        if (dateFormat.Any(c => c is not ('y' or 'M' or 'd')))
            throw new FormatException($"number format '{pattern}': the date may use only y, M and d");
        return new WorkOrderNumberFormat(
            pattern, match.Groups["prefix"].Value, dateFormat, match.Groups["middle"].Value, match.Groups["seq"].Value, match.Groups["suffix"].Value);
    }

    /// <summary>The number of the <paramref name="sequence"/>-th order accepted on <paramref name="day"/>.</summary>
    public string Format(DateOnly day, long sequence) =>
        string.Concat(
            _prefix,
            day.ToString(_dateFormat, CultureInfo.InvariantCulture),
            _middle,
            sequence.ToString(_sequenceFormat, CultureInfo.InvariantCulture),
            _suffix);

    /// <summary>The key under which <paramref name="day"/>'s sequence is counted for this format.</summary>
    public string SequenceScope(DateOnly day) => $"{Pattern}|{day:yyyy-MM-dd}";

    [GeneratedRegex(@"^(?<prefix>[^{}]*)\{date:(?<date>[yMd]+)\}(?<middle>[^{}]*)\{seq:(?<seq>0+)\}(?<suffix>[^{}]*)$")]
    private static partial Regex PatternRegex();
}
