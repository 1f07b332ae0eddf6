namespace Closeloop.WorkOrders;

/// <summary>What an action must be given, as its row in the transition table says.</summary>
[Flags]
public enum ActionNeeds
{
    None = 0,

    /// <summary>The org unit the order goes to.</summary>
    Unit = 1,

    /// <summary>Why: a return or a rejection.</summary>
    Reason = 2,

    /// <summary>A written answer: a handling result, a reply to the customer.</summary>
    Comment = 4,

    /// <summary>The grade the order is given (a repair's urgency, a complaint's level) as it is dispatched.</summary>
    Grade = 8,

    /// <summary>When the thing happened, which may be before it is recorded: a crew's arrival, a repair's completion.</summary>
    OccurredAt = 16,

    /// <summary>The person at the responsible unit who is to handle the order.</summary>
    Assignee = 32,

    /// <summary>A complaint's responsibility finding (定责) and, when responsible, the unit it holds responsible.</summary>
    Finding = 64,
}
