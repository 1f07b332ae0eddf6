using Closeloop.Clocks;
using Closeloop.Complaints;
using Closeloop.Routing;

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
/// <param name="RouteStatuses">With <paramref name="Route"/>: the status each sender held the order in when it sent it down.</param>
/// <param name="CameUpFrom">The units below the responsible one that the order came up from in review.</param>
/// <param name="Assignee">The person the order was assigned to; a move to another unit clears it.</param>
/// <param name="Suggestion">The unit routing suggested when the step sent the order to a unit.</param>
/// <param name="Overridden">True when the step sent the order elsewhere than <paramref name="Suggestion"/>.</param>
/// <param name="Urged">True when a supervisor urged the order (催办).</param>
/// <param name="Supervised">True when a supervisor put the order under supervision (督办).</param>
/// <param name="Finding">The complaint's responsibility finding as a judge recorded or an appeal changed it.</param>
public sealed record WorkOrderChanges(
    WorkOrderIntake? Intake = null,
    IReadOnlyList<string>? Route = null,
    bool? Closed = null,
    string? Grade = null,
    IReadOnlyList<ClockChange>? Clocks = null,
    IReadOnlyList<string>? RouteStatuses = null,
    IReadOnlyList<Hop>? CameUpFrom = null,
    string? Assignee = null,
    RoutingSuggestion? Suggestion = null,
    bool? Overridden = null,
    bool? Urged = null,
    bool? Supervised = null,
    Responsibility? Finding = null);
