using Closeloop.Presets;

namespace Closeloop.Routing;

/// <summary>
/// One routing rule (派单规则) as data: orders sent on by <see cref="At"/> of these types, subtypes,
/// customer classes and areas go to <see cref="Unit"/>. An empty list matches anything.
/// </summary>
/// <param name="At">The unit whose dispatches the rule guides; null for any unit.</param>
/// <param name="AreaCodes">Codes the customer's area code must lie under; empty for any area.</param>
public sealed record RoutingRule(
    string Code,
    Label Label,
    string? At,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Subtypes,
    IReadOnlyList<string> CustomerClasses,
    IReadOnlyList<AreaCode> AreaCodes,
    string Unit)
{
    /// <summary>
    /// How closely the rule fits <paramref name="query"/>, or null when it does not match. A rule that
    /// names the subtype beats one that names the customer class, which beats one that names the type;
    /// among those, the narrowest area wins.
    /// </summary>
    public (int Named, int Area)? Fit(RoutingQuery query)
    {
        if ((At is not null && At != query.From)
            || (Types.Count > 0 && !Types.Contains(query.Type))
            || (Subtypes.Count > 0 && (query.Subtype is null || !Subtypes.Contains(query.Subtype)))
            || (CustomerClasses.Count > 0 && (query.CustomerClass is null || !CustomerClasses.Contains(query.CustomerClass))))
            return null;
        var area = 0;
        if (AreaCodes.Count > 0)
        {
            if (query.AreaCode is not { } customer || !AreaCodes.Any(a => a.Covers(customer)))
                return null;
            area = AreaCodes.Where(a => a.Covers(customer)).Max(a => a.Specificity);
        }
        var named = (Subtypes.Count > 0 ? 4 : 0) + (CustomerClasses.Count > 0 ? 2 : 0) + (Types.Count > 0 ? 1 : 0);
        return (named, area);
    }

    /// <summary>What of <paramref name="query"/> the rule matched, for people to check the suggestion.</summary>
    public string Explain(RoutingQuery query)
    {
        var parts = new List<string>();
        if (At is not null)
            parts.Add($"sent on by {At}");
        if (Types.Count > 0)
            parts.Add($"type {query.Type}");
        if (Subtypes.Count > 0)
            parts.Add($"subtype {query.Subtype}");
        if (CustomerClasses.Count > 0)
            parts.Add($"customer class {query.CustomerClass}");
        if (AreaCodes.Count > 0 && query.AreaCode is { } customer)
        {
            var area = AreaCodes.Where(a => a.Covers(customer)).MaxBy(a => a.Specificity);
            parts.Add(area == customer ? $"area {customer}" : $"area {customer} under {area}");
        }
        return parts.Count == 0 ? "every order" : string.Join(", ", parts);
    }
}
