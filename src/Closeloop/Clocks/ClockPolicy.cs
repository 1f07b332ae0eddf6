using Closeloop.Presets;
using Closeloop.WorkOrders;

namespace Closeloop.Clocks;

/// <summary>
/// One deadline (时限) as data: which orders it applies to, which action starts it, which stop,
/// pause and resume it, how long it allows, when it warns and what a breach does.
/// </summary>
/// <param name="Types">The business types it applies to; empty for every type whose lifecycle has the start action.</param>
/// <param name="Subtypes">Only these subtypes; empty for all.</param>
/// <param name="StartsAtOccurrence">
/// The clock starts when the start action says the thing happened (a crew's arrival, a repair's
/// completion), not when it was recorded: it measures how late the record is.
/// </param>
/// <param name="StartTo">Only a start action that takes the order to this status starts the clock; null for any.</param>
/// <param name="StopTo">
/// Only a stop action that takes the order to one of these statuses stops the clock; empty for any. An
/// approval passes an order up its route one unit at a time, and the units' answer is in only when it
/// lands back at the accepting unit.
/// </param>
public sealed record ClockPolicy(
    string Code,
    Label Label,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Subtypes,
    string Start,
    bool StartsAtOccurrence,
    IReadOnlyList<string> Stop,
    IReadOnlyList<string> Pause,
    IReadOnlyList<string> Resume,
    ClockLimit Limit,
    ClockWarning? Warning,
    BreachActions Breach,
    string? StartTo = null,
    IReadOnlyList<string>? StopTo = null)
{
    public bool StartsOn(WorkOrderEvent e) => e.Action == Start && (StartTo is null || e.ToStatus == StartTo);

    public bool StopsOn(WorkOrderEvent e) => Stop.Contains(e.Action) && (StopTo is not { Count: > 0 } || StopTo.Contains(e.ToStatus));

    public bool AppliesTo(WorkOrder order) =>
        (Types.Count == 0 || Types.Contains(order.Type)) && (Subtypes.Count == 0 || (order.Subtype is { } s && Subtypes.Contains(s)));
}
