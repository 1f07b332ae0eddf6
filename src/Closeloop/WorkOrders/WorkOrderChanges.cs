using Closeloop.Clocks;

namespace Closeloop.WorkOrders;

/// <summary>
/// The fields an event changes besides the status, so that the current row can be rebuilt from the
/// history alone. Null means unchanged.
/// </summary>
/// <param name="Intake">Everything taken down at acceptance; only on the first event.</param>
/// <param name="Route">The units the order has gone down, from the accepting unit to the responsible one.</param>
/// <param name="Closed">True when the step reached a final status, false when it left one.</param>
/// <param name="Grade">The grade given as the order was dispatched.</param>
/// <param name="Clocks">What the step did to the order's deadline clocks.</param>
public sealed record WorkOrderChanges(
    WorkOrderIntake? Intake = null,
    IReadOnlyList<string>? Route = null,
    bool? Closed = null,
    string? Grade = null,
    IReadOnlyList<ClockChange>? Clocks = null);
