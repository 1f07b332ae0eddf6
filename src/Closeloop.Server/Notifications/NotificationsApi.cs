using Closeloop.People;
using Closeloop.Presets;
using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Notifications;

/// <summary>A unit's inbox: the notifications delivered to it, newest first.</summary>
public static class NotificationsApi
{
    public sealed record NotificationView(
        Guid Id, string Topic, string RecipientUnit, Guid? WorkOrderId, string? WorkOrderNumber, Label Subject,
        DateTimeOffset CreatedAt, DateTimeOffset DeliverAfter, DateTimeOffset? DeliveredAt);

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/notifications", List).WithTags("Notifications").WithName("ListNotifications")
            .WithSummary("A unit's notifications (warnings, breaches), newest first; pending=true adds the ones waiting for office hours");
        return routes;
    }

    public static async Task<Results<Ok<List<NotificationView>>, ValidationProblem, ProblemHttpResult>> List(
        string? unit, bool? pending, int? limit, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ReadOrders))
            return Refusals.Forbidden("Reading notifications needs the readOrders right.");
        var errors = new FieldErrors();
        var code = errors.Required("unit", unit);
        var scope = UnitFilter.Resolve(rulebooks.Current.Org, code, false, authority, http, errors);
        if (limit is < 1 or > 200)
            errors.Add("limit", Problem.Range(1, 200), "must be 1 to 200");
        if (errors.Any)
            return errors.ToProblem();
        if (scope.Refusal is { } refusal)
            return refusal;

        var query = db.OutboxMessages.AsNoTracking().Where(m => m.RecipientUnit == code);
        if (pending != true)
            query = query.Where(m => m.DeliveredAt != null);
        var messages = await query.OrderByDescending(m => m.CreatedAt).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(messages.Select(m => new NotificationView(
            m.Id, m.Topic, m.RecipientUnit, m.WorkOrderId, m.WorkOrderNumber, new(m.SubjectZh, m.SubjectEn), m.CreatedAt, m.DeliverAfter, m.DeliveredAt)).ToList());
    }
}
