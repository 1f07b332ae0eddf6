using System.Globalization;
using Closeloop.Org;
using Closeloop.Presets;
using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;

namespace Closeloop.Server.Org;

/// <summary>
/// An org unit as the admin API shows it: where it sits, the calendar and office hours its
/// deadlines count in (its own or inherited; no office hours means the calendar's), and the rule
/// overrides it sets for its subtree, as org.yaml writes them.
/// </summary>
internal sealed record OrgUnitView(
    string Code,
    string? Parent,
    OrgUnitKind Kind,
    Label Name,
    IReadOnlyList<string> AreaCodes,
    IReadOnlyList<string> Path,
    IReadOnlyList<string> Children,
    string Calendar,
    IReadOnlyList<OfficePeriodDocument>? OfficeHours,
    RulesDocument? Rules)
{
    /// <summary>Every unit of <paramref name="rulebook"/>, in the order of its org.yaml.</summary>
    public static List<OrgUnitView> AllOf(Rulebook rulebook, OrgDraft draft)
    {
        var children = rulebook.Org.Units.ToLookup(u => u.ParentCode ?? "");
        return [.. draft.Units.Select(u => Of(rulebook, u, children))];
    }

    public static OrgUnitView Of(Rulebook rulebook, DraftUnit own) =>
        Of(rulebook, own, rulebook.Org.Units.Where(u => u.ParentCode == own.Code).ToLookup(u => u.ParentCode ?? ""));

    private static OrgUnitView Of(Rulebook rulebook, DraftUnit own, ILookup<string, OrgUnit> children)
    {
        var unit = rulebook.Org.Find(own.Code)!;
        var rules = rulebook.RulesFor(unit.Code);
        return new OrgUnitView(
            unit.Code,
            unit.ParentCode,
            unit.Kind,
            unit.Name,
            unit.AreaCodes,
            rulebook.Org.PathOf(unit.Code),
            [.. children[unit.Code].Select(c => c.Code)],
            rules.Calendar,
            rules.OfficeHours?.Periods.Select(p => new OfficePeriodDocument { From = p.From.ToString("HH:mm", CultureInfo.InvariantCulture), To = p.To.ToString("HH:mm", CultureInfo.InvariantCulture) }).ToList(),
            own.ToDocument().Rules);
    }
}
