namespace Closeloop.Server.Storage;

/// <summary>Someone was shown a customer's unmasked personal data: who, when, which order and why.</summary>
public sealed class PersonalDataAccess : Audit.IAuditLine
{
    public long Id { get; set; }
    public Guid WorkOrderId { get; set; }
    public required string Actor { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}
