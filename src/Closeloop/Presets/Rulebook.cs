using Closeloop.Clocks;
using Closeloop.Org;
using Closeloop.People;
using Closeloop.Routing;
using Closeloop.WorkOrders;

namespace Closeloop.Presets;

/// <summary>
/// Every rule of one organisation, loaded from its preset and checked: business types, lifecycles,
/// the org tree and each unit's overrides. Immutable; a changed preset is a new rulebook with a new
/// <see cref="RuleVersion"/>, so orders keep the rules they were accepted under.
/// </summary>
public sealed class Rulebook
{
    private readonly Dictionary<string, UnitRules> _rulesByUnit;

    public Rulebook(
        string preset,
        string version,
        string contentHash,
        Label name,
        TimeZoneInfo timeZone,
        string intakeUnit,
        IReadOnlyList<CodedLabel> customerClasses,
        IReadOnlyList<BusinessType> types,
        IReadOnlyDictionary<string, Lifecycle> lifecycles,
        IReadOnlyList<CodedLabel> actions,
        IReadOnlyList<ClockPolicy> clocks,
        IReadOnlyList<Role> roles,
        OrgTree org,
        RuleOverrides defaults,
        IReadOnlyDictionary<string, RuleOverrides> unitOverrides,
        RoutingRules? routing = null,
        GradingRules? grading = null)
    {
        Routing = routing ?? RoutingRules.None;
        Grading = grading ?? GradingRules.None;
        Preset = preset;
        Version = version;
        RuleVersion = $"{preset}@{version}#{contentHash[..Math.Min(12, contentHash.Length)]}";
        Name = name;
        TimeZone = timeZone;
        IntakeUnit = intakeUnit;
        CustomerClasses = customerClasses;
        Types = types.ToDictionary(t => t.Code);
        Lifecycles = lifecycles;
        Actions = actions;
        Clocks = clocks;
        Roles = roles.ToDictionary(r => r.Code);
        Org = org;
        _rulesByUnit = org.Units.ToDictionary(u => u.Code, u => Resolve(u, defaults, unitOverrides));
    }

    public string Preset { get; }

    public string Version { get; }

    /// <summary>Preset, version and content hash, e.g. <c>sgcc-95598@2026.1#3f9a…</c>: what an order records.</summary>
    public string RuleVersion { get; }

    public Label Name { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The unit that accepts a request that names no unit: the hotline's service centre.</summary>
    public string IntakeUnit { get; }

    public IReadOnlyList<CodedLabel> CustomerClasses { get; }

    public IReadOnlyDictionary<string, BusinessType> Types { get; }

    public IReadOnlyDictionary<string, Lifecycle> Lifecycles { get; }

    public IReadOnlyList<CodedLabel> Actions { get; }

    /// <summary>The deadlines as the preset sets them, before any unit tightens them.</summary>
    public IReadOnlyList<ClockPolicy> Clocks { get; }

    /// <summary>The roles people may hold, by code, in the preset's order.</summary>
    public IReadOnlyDictionary<string, Role> Roles { get; }

    public OrgTree Org { get; }

    /// <summary>Which unit an order should be sent on to (派单规则).</summary>
    public RoutingRules Routing { get; }

    /// <summary>The grading criteria that suggest a grade at intake.</summary>
    public GradingRules Grading { get; }

    /// <summary>The rules in force for orders accepted by <paramref name="unitCode"/>.</summary>
    public UnitRules RulesFor(string unitCode) => _rulesByUnit[unitCode];

    private UnitRules Resolve(OrgUnit unit, RuleOverrides defaults, IReadOnlyDictionary<string, RuleOverrides> unitOverrides)
    {
        var numberFormat = defaults.NumberFormat!;
        var contentMaxLength = defaults.ContentMaxLength!.Value;
        var lifecycleByType = Types.Values.ToDictionary(t => t.Code, t => t.Lifecycle);
        foreach (var type in Types.Values)
        {
            foreach (var (subtype, lifecycle) in type.SubtypeLifecycles)
                lifecycleByType[UnitRules.SubtypeKey(type.Code, subtype)] = lifecycle;
        }
        var limits = Clocks.ToDictionary(c => c.Code, c => c.Limit);
        var calendar = defaults.Calendar!;
        var officeHours = defaults.OfficeHours;

        // Top down: the headquarters' overrides first, the unit's own last.
        foreach (var code in Org.PathOf(unit.Code))
        {
            if (!unitOverrides.TryGetValue(code, out var overrides))
                continue;
            numberFormat = overrides.NumberFormat ?? numberFormat;
            contentMaxLength = overrides.ContentMaxLength ?? contentMaxLength;
            // A unit on another calendar keeps that calendar's office hours unless it names its own.
            if (overrides.Calendar is { } ownCalendar && ownCalendar != calendar)
                (calendar, officeHours) = (ownCalendar, null);
            officeHours = overrides.OfficeHours ?? officeHours;
            foreach (var (type, lifecycle) in overrides.TypeLifecycles ?? new Dictionary<string, string>())
                lifecycleByType[type] = lifecycle;
            foreach (var (clock, limit) in overrides.ClockLimits ?? new Dictionary<string, ClockLimit>())
                limits[clock] = limit;
        }

        return new UnitRules(
            WorkOrderNumberFormat.Parse(numberFormat),
            contentMaxLength,
            lifecycleByType.ToDictionary(p => p.Key, p => Lifecycles[p.Value]),
            calendar,
            officeHours,
            [.. Clocks.Select(c => c.Limit == limits[c.Code] ? c : c with { Limit = limits[c.Code] })]);
    }
}
