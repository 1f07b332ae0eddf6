namespace Closeloop.Server.Queue;

/// <summary>A person's named set of queue filters (e.g. "overdue complaints"), one click away on the queue.</summary>
public sealed class SavedView
{
    public Guid Id { get; set; }

    public required string UserName { get; set; }

    public required string Name { get; set; }

    /// <summary>The queue's filters as a query string, e.g. <c>type=complaint&amp;overdue=true</c>.</summary>
    public required string Query { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
