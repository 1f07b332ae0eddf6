using Closeloop.Server.Presets;

namespace Closeloop.Server.Org;

/// <summary>One unit of an <see cref="OrgDraft"/>: what org.yaml says of it, and its parent instead of its children.</summary>
internal sealed class DraftUnit
{
    public required string Code { get; init; }
    public string? Parent { get; set; }
    public string? Kind { get; set; }
    public LabelDocument? Name { get; set; }
    public List<string> AreaCodes { get; set; } = [];

    /// <summary>The unit's own rule overrides, inherited by its subtree; null for none.</summary>
    public RulesDocument? Rules { get; set; }

    public static DraftUnit Of(OrgUnitDocument unit, string? parent) => new()
    {
        Code = unit.Code ?? "",
        Parent = parent,
        Kind = unit.Kind,
        Name = unit.Name,
        AreaCodes = unit.AreaCodes ?? [],
        Rules = unit.Rules,
    };

    public OrgUnitDocument ToDocument() => new()
    {
        Code = Code,
        Kind = Kind,
        Name = Name,
        AreaCodes = AreaCodes,
        Rules = IsEmpty(Rules) ? null : Rules,
    };

    /// <summary>Sets the rules a unit's admin edits, keeping the others (work-order settings, lifecycles) as they are.</summary>
    public void SetRules(string? calendar, List<Calendar.OfficePeriodDocument>? officeHours, Dictionary<string, ClockLimitDocument>? clocks)
    {
        var rules = Rules ?? new RulesDocument();
        rules.Calendar = calendar;
        rules.OfficeHours = officeHours;
        rules.Clocks = clocks is { Count: > 0 } ? clocks : null;
        Rules = IsEmpty(rules) ? null : rules;
    }

    private static bool IsEmpty(RulesDocument? rules) =>
        rules is null or { WorkOrders: null, Types: null or { Count: 0 }, Calendar: null, OfficeHours: null, Clocks: null or { Count: 0 } };
}
