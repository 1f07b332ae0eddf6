namespace Closeloop.Server.Storage;

/// <summary>How many orders one unit holds of one type in one status, as of the last fold.</summary>
public sealed class WorkOrderCount
{
    public required string ResponsibleUnit { get; set; }
    public required string Type { get; set; }
    public required string Status { get; set; }
    public long Count { get; set; }
}
