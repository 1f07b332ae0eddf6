namespace Closeloop.Server.Queue;

public static class QueueApi
{
    /// <summary>Maps <c>/api/queue</c>: a person's work, nearest deadline first, and their saved views of it.</summary>
    public static IEndpointRouteBuilder MapQueue(this IEndpointRouteBuilder routes)
    {
        var queue = routes.MapGroup("/api/queue").WithTags("Queue");
        queue.MapGet("/", MyWork.Handle).WithName("MyWork")
            .WithSummary("Orders waiting for me or my unit in a status my roles work on, nearest deadline first");
        queue.MapGet("/views", SavedViews.List).WithName("ListSavedViews").WithSummary("My saved queue views");
        queue.MapPost("/views", SavedViews.Save).WithName("SaveView").WithSummary("Save the queue's filters under a name (the same name replaces them)");
        queue.MapDelete("/views/{id:guid}", SavedViews.Delete).WithName("DeleteSavedView").WithSummary("Delete one of my saved views");
        return routes;
    }
}
