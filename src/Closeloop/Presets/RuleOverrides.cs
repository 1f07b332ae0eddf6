using Closeloop.Calendar;
using Closeloop.Clocks;

namespace Closeloop.Presets;

/// <summary>
/// The rules an org unit sets for itself and its subtree, over what it inherits. A null or missing
/// entry inherits. A clock limit may only tighten the one inherited.
/// </summary>
public sealed record RuleOverrides(
    string? NumberFormat = null,
    int? ContentMaxLength = null,
    IReadOnlyDictionary<string, string>? TypeLifecycles = null,
    string? Calendar = null,
    OfficeHours? OfficeHours = null,
    IReadOnlyDictionary<string, ClockLimit>? ClockLimits = null)
{
    public static RuleOverrides None { get; } = new();
}
