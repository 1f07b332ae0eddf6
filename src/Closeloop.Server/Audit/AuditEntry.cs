namespace Closeloop.Server.Audit;

/// <summary>
/// One line of the audit trail: who did what to which subject, when, and how it ended. The table is
/// append-only; the database refuses updates and deletes.
/// </summary>
public sealed class AuditEntry : IAuditLine
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The person's sign-in name, or <c>system</c>, or <c>anonymous</c> for a failed sign-in.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, e.g. <c>workOrder.dispatch</c>, <c>person.create</c>, <c>signIn.failed</c>, <c>access.denied</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. <c>workOrder:20260213000001</c>, <c>person:wang.li</c>.</summary>
    public required string Subject { get; set; }

    /// <summary>The actor's unit, so an auditor reads the trail of their own subtree; null for the system and for strangers.</summary>
    public string? Unit { get; set; }

    /// <summary>A short account of the change; never unmasked personal data.</summary>
    public string? Detail { get; set; }
}
