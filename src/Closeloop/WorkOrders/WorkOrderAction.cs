namespace Closeloop.WorkOrders;

/// <summary>Someone asks to take an action on an order, with what the action may need.</summary>
public sealed record WorkOrderAction(
    string Action,
    string Actor,
    string? Unit = null,
    string? Reason = null,
    string? Comment = null,
    IReadOnlyList<Attachment>? Attachments = null,
    string? Grade = null,
    DateTimeOffset? OccurredAt = null,
    string? Assignee = null,
    string? Finding = null,
    string? FindingUnit = null);
