namespace Closeloop.WorkOrders;

/// <summary>The event an action recorded, or why it was refused.</summary>
public readonly record struct ActionOutcome
{
    private ActionOutcome(WorkOrderEvent? recorded, ActionRefusal? refusal)
    {
        Recorded = recorded;
        Refusal = refusal;
    }

    public WorkOrderEvent? Recorded { get; }

    public ActionRefusal? Refusal { get; }

    public static implicit operator ActionOutcome(WorkOrderEvent recorded) => new(recorded, null);

    public static implicit operator ActionOutcome(ActionRefusal refusal) => new(null, refusal);
}
