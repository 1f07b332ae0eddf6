namespace Closeloop.WorkOrders;

/// <summary>
/// A unit an order came up from in review, and the status its sender held the order in when it sent
/// it there: a send-back (驳回) takes the order down to it again, and a later return lands it there.
/// </summary>
/// <param name="SentFrom">Null for an order sent before the statuses were recorded.</param>
public sealed record Hop(string Unit, string? SentFrom);
