using Closeloop.Calendar;

namespace Closeloop.WorkOrders;

/// <summary>
/// One row of a lifecycle's transition table: <see cref="Action"/> taken in status <see cref="From"/>
/// moves the order to <see cref="To"/>.
/// </summary>
/// <param name="ToSender">
/// The order goes back to the unit that sent it to the responsible unit (a return, 回退), in the
/// status that unit held it in when it sent it; <see cref="To"/> for an order sent before that was recorded.
/// </param>
/// <param name="PassUp">
/// The action approves and passes the order up to the unit that sent it, where it waits in this
/// status for that unit's review; back at the accepting unit it lands in <see cref="To"/> (审核逐级上报).
/// </param>
/// <param name="BackDown">The order goes back down to the unit it came up from in review (驳回), or stays when it came up from none.</param>
/// <param name="WithinReach">The unit the action names must lie in the responsible unit's reach (转派: <see cref="Routing.ForwardingReach"/>).</param>
/// <param name="ByFinding">
/// The step is taken by the unit the order's finding holds responsible, wherever the order is: an
/// appeal comes from the department the complaint counts against (申诉由责任部门提出).
/// </param>
/// <param name="Window">
/// The step leaves a final status, and only within this period of the order's closing: after it the
/// door is shut (an appeal filed late is not accepted, 逾期不受理).
/// </param>
/// <param name="SendTo">The unit the step sends the order to, named by the rules rather than by the person: the body that decides an appeal.</param>
public sealed record Transition(
    string Action, string From, string To, ActionNeeds Needs, bool ToSender, string? PassUp = null, bool BackDown = false, bool WithinReach = false,
    bool ByFinding = false, Period? Window = null, string? SendTo = null)
{
    /// <summary>
    /// The unit whose subtree takes the step: the one the finding holds responsible for a step
    /// <see cref="ByFinding"/> (null when it holds none), else the one holding the order.
    /// </summary>
    public string? ActingUnit(string responsibleUnit, string? findingUnit) => ByFinding ? findingUnit : responsibleUnit;
}
