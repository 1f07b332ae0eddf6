using Closeloop.WorkOrders;

namespace Closeloop.Presets;

/// <summary>The rules in force for orders accepted by one org unit, after every override on its path is applied.</summary>
public sealed class UnitRules
{
    private readonly IReadOnlyDictionary<string, Lifecycle> _lifecycleByType;

    internal UnitRules(WorkOrderNumberFormat numberFormat, int contentMaxLength, IReadOnlyDictionary<string, Lifecycle> lifecycleByType)
    {
        NumberFormat = numberFormat;
        ContentMaxLength = contentMaxLength;
        _lifecycleByType = lifecycleByType;
    }

    public WorkOrderNumberFormat NumberFormat { get; }

    public int ContentMaxLength { get; }

    public Lifecycle LifecycleOf(string businessType) => _lifecycleByType[businessType];
}
