using Closeloop.Presets;

namespace Closeloop.WorkOrders;

/// <summary>
/// One grading criterion (分级标准) as data: an order of <see cref="Type"/> whose customer is of one of
/// <see cref="CustomerClasses"/> and whose content names one of <see cref="Keywords"/> suggests
/// <see cref="Grade"/>. An empty list matches anything, so a rule with neither is the type's default.
/// </summary>
public sealed record GradingRule(
    string Code, Label Label, string Type, string Grade, IReadOnlyList<string> CustomerClasses, IReadOnlyList<string> Keywords)
{
    public bool Matches(string type, string? customerClass, string? content) =>
        type == Type
        && (CustomerClasses.Count == 0 || (customerClass is not null && CustomerClasses.Contains(customerClass)))
        && (Keywords.Count == 0 || (content is not null && Keywords.Any(k => content.Contains(k, StringComparison.OrdinalIgnoreCase))));
}
