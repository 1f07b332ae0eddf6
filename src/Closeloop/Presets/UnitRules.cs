using Closeloop.Calendar;
using Closeloop.WorkOrders;

namespace Closeloop.Presets;

/// <summary>The rules in force for orders accepted by one org unit, after every override on its path is applied.</summary>
public sealed class UnitRules
{
    private readonly IReadOnlyDictionary<string, Lifecycle> _lifecycleByType;

    internal UnitRules(
        WorkOrderNumberFormat numberFormat, int contentMaxLength, IReadOnlyDictionary<string, Lifecycle> lifecycleByType, string calendar, OfficeHours? officeHours)
    {
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

    public Lifecycle LifecycleOf(string businessType) => _lifecycleByType[businessType];
}
