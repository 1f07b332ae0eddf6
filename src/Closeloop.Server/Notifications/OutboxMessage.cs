namespace Closeloop.Server.Notifications;

/// <summary>
/// A notification written in the same transaction as the change that caused it, and delivered later
/// by <see cref="OutboxSender"/>: a crash between the two loses nothing and sends nothing twice.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>What happened, e.g. <c>clock.warned</c>, <c>clock.breached</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>The org unit whose people it is for.</summary>
    public string RecipientUnit { get; set; } = "";

    public Guid? WorkOrderId { get; set; }

    public string? WorkOrderNumber { get; set; }

    public string SubjectZh { get; set; } = "";

    public string SubjectEn { get; set; } = "";

    /// <summary>The details as JSON, as a webhook receives them.</summary>
    public string Payload { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Not before this instant: the recipient's next office opening for a day or office-hour clock,
    /// at once for the 24/7 minute and hour clocks; pushed back after a failed attempt.
    /// </summary>
    public DateTimeOffset DeliverAfter { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
