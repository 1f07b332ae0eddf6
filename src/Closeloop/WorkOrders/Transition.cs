namespace Closeloop.WorkOrders;

/// <summary>
/// One row of a lifecycle's transition table: <see cref="Action"/> taken in status <see cref="From"/>
/// moves the order to <see cref="To"/>.
/// </summary>
/// <param name="ToSender">The order goes back to the unit that sent it to the responsible unit (a return, 回退).</param>
public sealed record Transition(string Action, string From, string To, ActionNeeds Needs, bool ToSender);
