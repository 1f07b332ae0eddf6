using Closeloop.Server.Storage;
using Closeloop.WorkOrders;

namespace Closeloop.Server.Notifications;

/// <summary>
/// Writes notifications about work orders into the outbox. With no webhook configured
/// (<c>Outbox:WebhookUrl</c>) the recipient unit's inbox is the only delivery, so a message whose
/// time has come is delivered as it is written: the sender never has to touch it, and a storm of
/// clock firings costs one write per notice, not two.
/// </summary>
public sealed class Outbox(IConfiguration configuration)
{
    /// <summary>Where <see cref="OutboxSender"/> posts every message; null when the inbox is the only delivery.</summary>
    public string? WebhookUrl { get; } = configuration["Outbox:WebhookUrl"] is { Length: > 0 } url ? url : null;

    /// <param name="deliverAfter">Not before this instant: the recipient's next office opening when the notice can wait for it.</param>
    /// <param name="details">The details a webhook receives, serialised as JSON.</param>
    public OutboxMessage Write(
        string topic, string recipientUnit, WorkOrder order, string subjectZh, string subjectEn, object details, DateTimeOffset now, DateTimeOffset deliverAfter)
    {
        var inboxNow = WebhookUrl is null && deliverAfter <= now;
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Topic = topic,
            RecipientUnit = recipientUnit,
            WorkOrderId = order.Id,
            WorkOrderNumber = order.Number,
            SubjectZh = subjectZh,
            SubjectEn = subjectEn,
            Payload = StorageJson.Write(details),
            CreatedAt = now,
            DeliverAfter = deliverAfter,
            DeliveredAt = inboxNow ? now : null,
            Attempts = inboxNow ? 1 : 0,
        };
    }
}
