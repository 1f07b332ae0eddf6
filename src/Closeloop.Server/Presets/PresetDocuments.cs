namespace Closeloop.Server.Presets;

// The shapes of the preset files as written (docs/PRESETS.md). Everything is nullable so that a
// missing key is reported by the loader with its path rather than as a parser error.

internal sealed class PresetDocument
{
    public string? Preset { get; set; }
    public string? Version { get; set; }
    public LabelDocument? Name { get; set; }
    public string? TimeZone { get; set; }
    public string? IntakeUnit { get; set; }
    public string? Calendar { get; set; }
    public WorkOrderSettingsDocument? WorkOrders { get; set; }
    public List<CodedLabelDocument>? CustomerClasses { get; set; }
    public List<BusinessTypeDocument>? Types { get; set; }
    public Dictionary<string, LifecycleDocument>? Lifecycles { get; set; }
    public List<CodedLabelDocument>? Actions { get; set; }
    public List<ClockDocument>? Clocks { get; set; }
    public List<RoleDocument>? Roles { get; set; }
    public List<RoutingRuleDocument>? Routing { get; set; }
    public List<GradingRuleDocument>? Grading { get; set; }
}

internal sealed class RoleDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public List<string>? May { get; set; }
    public List<string>? Actions { get; set; }
}

internal sealed class LabelDocument
{
    public string? Zh { get; set; }
    public string? En { get; set; }
}

internal sealed class CodedLabelDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
}

internal sealed class WorkOrderSettingsDocument
{
    public string? NumberFormat { get; set; }
    public int? ContentMaxLength { get; set; }
}

internal sealed class BusinessTypeDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public string? Lifecycle { get; set; }
    public List<SubtypeDocument>? Subtypes { get; set; }
    public List<CodedLabelDocument>? Grades { get; set; }
    public List<FindingDocument>? Findings { get; set; }
}

internal sealed class FindingDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public bool Responsible { get; set; }
}

internal sealed class SubtypeDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public string? Lifecycle { get; set; }
}

internal sealed class ClockDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public List<string>? Types { get; set; }
    public List<string>? Subtypes { get; set; }
    public string? Start { get; set; }
    public string? StartTo { get; set; }
    public string? StartAt { get; set; }
    public List<string>? Stop { get; set; }
    public List<string>? StopTo { get; set; }
    public List<string>? Pause { get; set; }
    public List<string>? Resume { get; set; }
    public ClockLimitDocument? Limit { get; set; }
    public ClockWarningDocument? Warn { get; set; }
    public List<string>? Breach { get; set; }
}

internal sealed class ClockLimitDocument
{
    public int? Amount { get; set; }
    public string? Unit { get; set; }
    public string? By { get; set; }
    public Dictionary<string, int>? Amounts { get; set; }
}

internal sealed class ClockWarningDocument
{
    public int? Percent { get; set; }
    public int? Before { get; set; }
}

internal sealed class LifecycleDocument
{
    public string? Initial { get; set; }
    public List<string>? Final { get; set; }
    public List<CodedLabelDocument>? Statuses { get; set; }
    public List<TransitionDocument>? Transitions { get; set; }
}

internal sealed class TransitionDocument
{
    public string? Action { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public List<string>? Needs { get; set; }
    public bool ToSender { get; set; }
    public string? PassUp { get; set; }
    public bool BackDown { get; set; }
    public bool WithinSubtree { get; set; }
    public bool ByFinding { get; set; }
    public ClockLimitDocument? Window { get; set; }
    public string? SendTo { get; set; }
}

internal sealed class RoutingRuleDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public string? At { get; set; }
    public List<string>? Types { get; set; }
    public List<string>? Subtypes { get; set; }
    public List<string>? CustomerClasses { get; set; }
    public List<string>? AreaCodes { get; set; }
    public string? Unit { get; set; }
    public List<string>? Units { get; set; }
}

internal sealed class GradingRuleDocument
{
    public string? Code { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public string? Type { get; set; }
    public string? Grade { get; set; }
    public List<string>? CustomerClasses { get; set; }
    public List<string>? Keywords { get; set; }
}

internal sealed class OrgDocument
{
    public List<OrgUnitDocument>? Units { get; set; }
}

internal sealed class OrgUnitDocument
{
    public string? Code { get; set; }
    public string? Kind { get; set; }
    public LabelDocument? Name { get; set; }
    public List<string>? AreaCodes { get; set; }
    public RulesDocument? Rules { get; set; }
    public List<OrgUnitDocument>? Children { get; set; }
}

internal sealed class RulesDocument
{
    public WorkOrderSettingsDocument? WorkOrders { get; set; }
    public Dictionary<string, TypeOverrideDocument>? Types { get; set; }
    public string? Calendar { get; set; }
    public List<Calendar.OfficePeriodDocument>? OfficeHours { get; set; }
    public Dictionary<string, ClockLimitDocument>? Clocks { get; set; }
}

internal sealed class TypeOverrideDocument
{
    public string? Lifecycle { get; set; }
}
