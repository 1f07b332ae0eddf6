using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.WorkOrders;

namespace Closeloop.Presets;

/// <summary>The rules in force for orders accepted by one org unit, after every override on its path is applied.</summary>
public sealed class UnitRules
{
    private readonly IReadOnlyDictionary<string, Lifecycle> _lifecycleByType;

    internal UnitRules(
        WorkOrderNumberFormat numberFormat,
        int contentMaxLength,
        IReadOnlyDictionary<string, Lifecycle> lifecycleByType,
        string calendar,
        OfficeHours? officeHours,
        IReadOnlyList<ClockPolicy> clocks)
    {
        Clocks = clocks;
        NumberFormat = numberFormat;
        ContentMaxLength = contentMaxLength;
        _lifecycleByType = lifecycleByType;
        Calendar = calendar;
        OfficeHours = officeHours;
    }

    /// <summary>The working-day calendar the unit's deadlines count in.</summary>
    public string Calendar { get; }

    /// <summary>The unit's own office hours; null for the calendar's.</summary>
    public OfficeHours? OfficeHours { get; }

    public WorkOrderNumberFormat NumberFormat { get; }

    public int ContentMaxLength { get; }

    /// <summary>Every clock policy, with the limits this unit counts them in.</summary>
    public IReadOnlyList<ClockPolicy> Clocks { get; }

    /// <summary>The flow orders of a type (and subtype, when it has its own) follow.</summary>
    public Lifecycle LifecycleOf(string businessType, string? subtype = null) =>
        subtype is not null && _lifecycleByType.TryGetValue(SubtypeKey(businessType, subtype), out var own) ? own : _lifecycleByType[businessType];

    internal static string SubtypeKey(string businessType, string subtype) => $"{businessType}/{subtype}";
}
