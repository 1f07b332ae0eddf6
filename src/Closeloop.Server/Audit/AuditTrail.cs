using Closeloop.People;
using Closeloop.Server.Storage;

namespace Closeloop.Server.Audit;

/// <summary>Writes the audit trail: with the change it records, or on its own for what changed nothing (a refusal, a failed sign-in).</summary>
public static class AuditTrail
{
    public const string System = "system";

    /// <summary>Adds an entry to <paramref name="db"/>'s pending changes, to be saved with the change it records.</summary>
    public static AuditEntry Record(
        this CloseloopDb db, string actor, string? unit, string action, string subject, DateTimeOffset at, string? detail = null)
    {
        var entry = Entry(actor, unit, action, subject, at, detail);
        db.AuditTrail.Add(entry);
        return entry;
    }

    /// <summary>What <paramref name="person"/> did, in their unit's part of the trail.</summary>
    public static AuditEntry Record(this CloseloopDb db, Person person, string action, string subject, DateTimeOffset at, string? detail = null) =>
        db.Record(person.UserName, person.Unit, action, subject, at, detail);

    /// <summary>An entry not yet added anywhere, for the batched writes of the intake.</summary>
    public static AuditEntry Entry(string actor, string? unit, string action, string subject, DateTimeOffset at, string? detail = null) =>
        new() { Actor = actor, Unit = unit, Action = action, Subject = Clip(subject, 200)!, At = at, Detail = Clip(detail, 4000) };

    /// <summary>Saves an entry at once, on its own.</summary>
    public static async Task RecordNowAsync(
        this CloseloopDb db, string actor, string? unit, string action, string subject, DateTimeOffset at, string? detail,
        CancellationToken cancellationToken)
    {
        db.Record(actor, unit, action, subject, at, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string OrderSubject(string number) => $"workOrder:{number}";

    private static string? Clip(string? text, int max) => text is not null && text.Length > max ? text[..max] : text;
}
