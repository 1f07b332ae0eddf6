namespace Closeloop.WorkOrders;

/// <summary>
/// One step in a work order's history: who did what, when, from which status to which, and why.
/// Append-only; the order's current row is what its events add up to.
/// </summary>
/// <param name="Sequence">1 for acceptance, then one more per step; equals the order's version after it.</param>
/// <param name="FromStatus">Null for the acceptance that created the order.</param>
/// <param name="OccurredAt">When the recorded thing happened, if the action says (an arrival, a completion).</param>
public sealed record WorkOrderEvent(
    Guid WorkOrderId,
    int Sequence,
    string Action,
    string? FromStatus,
    string ToStatus,
    string Actor,
    DateTimeOffset At,
    string? Comment,
    string? Reason,
    IReadOnlyList<Attachment> Attachments,
    WorkOrderChanges Changes,
    DateTimeOffset? OccurredAt = null)
{
    /// <summary>The action that creates an order (受理).</summary>
    public const string Accept = "accept";

    /// <summary>The clock runner recorded that a clock reached its warning point.</summary>
    public const string ClockWarned = "clockWarned";

    /// <summary>The clock runner recorded that a clock passed its due.</summary>
    public const string ClockBreached = "clockBreached";

    /// <summary>A provisional clock was counted again with a newly loaded holiday notice.</summary>
    public const string ClockRecounted = "clockRecounted";

    /// <summary>A supervisor urged the unit holding the order to finish it (催办).</summary>
    public const string Urge = "urge";

    /// <summary>A supervisor put the order under formal supervision (督办).</summary>
    public const string Supervise = "supervise";

    /// <summary>The actor of the steps the system takes by itself.</summary>
    public const string SystemActor = "system";
}
