namespace Closeloop.Server.Storage;

/// <summary>An <c>Idempotency-Key</c> a client sent with a create, and the order it created.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public Guid WorkOrderId { get; set; }

    /// <summary>Hash of the request body, so a reused key with a different request is caught.</summary>
    public required string RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
