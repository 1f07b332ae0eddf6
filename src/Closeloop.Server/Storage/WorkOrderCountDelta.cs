namespace Closeloop.Server.Storage;

/// <summary>
/// A change to <see cref="WorkOrderCount"/> written in the order's own transaction. Appending a row
/// never waits for another intake, as updating a shared counter row would; the fold adds them up.
/// </summary>
public sealed class WorkOrderCountDelta
{
    public long Id { get; set; }
    public required string ResponsibleUnit { get; set; }
    public required string Type { get; set; }
    public required string Status { get; set; }
    public int Delta { get; set; }
}
