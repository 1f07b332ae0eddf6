namespace Closeloop.WorkOrders;

/// <summary>What the history records of a file attached to a step: a recording, a photo, a letter.</summary>
public sealed record Attachment(string FileName, string ContentType, long SizeBytes, string? Sha256);
