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
}
