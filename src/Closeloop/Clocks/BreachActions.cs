namespace Closeloop.Clocks;

/// <summary>What a breached clock does besides recording the breach (超时).</summary>
[Flags]
public enum BreachActions
{
    None = 0,

    /// <summary>The order shows as overdue and comes up under the overdue filter.</summary>
    Flag = 1,

    /// <summary>The order is raised to the supervising unit, the parent of the responsible unit (督办).</summary>
    Escalate = 2,

    /// <summary>A notification leaves through the outbox to the responsible unit (and the supervisor when escalated).</summary>
    Notify = 4,
}
