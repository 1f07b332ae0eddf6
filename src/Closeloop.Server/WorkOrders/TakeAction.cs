using Closeloop.Clocks;
using Closeloop.Problems;
using Closeloop.Server.Audit;
using Closeloop.Server.Calendar;
using Closeloop.Server.Clocks;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// Takes one lifecycle action (dispatch, receive, handle, …) on an order, if its transition table
/// allows it now. With <c>If-Match</c> the action applies only to the version the client saw: the
/// API binds it from the header, the order page from the hidden field holding the version it showed.
/// </summary>
public static class TakeAction
{
    public sealed record Request(
        string? Unit, string? Reason, string? Comment, string? Grade, DateTimeOffset? OccurredAt, List<AttachmentRequest>? Attachments,
        string? Assignee = null, string? Finding = null, string? FindingUnit = null);

    public static async Task<Results<Ok<WorkOrderView>, ValidationProblem, ProblemHttpResult>> Handle(
        string action,
        string key,
        Request? request,
        string? ifMatch,
        CloseloopDb db,
        Rulebooks rulebooks,
        Calendars calendars,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.MaxLength("reason", request?.Reason, 10_000);
        errors.MaxLength("comment", request?.Comment, 100_000);
        errors.MaxLength("unit", request?.Unit, 64);
        errors.MaxLength("grade", request?.Grade, 40);
        errors.MaxLength("assignee", request?.Assignee, 100);
        errors.MaxLength("finding", request?.Finding, 40);
        errors.MaxLength("findingUnit", request?.FindingUnit, 64);
        var attachments = AttachmentRequest.Validate(request?.Attachments, errors);
        var expectedVersion = ExpectedVersion(ifMatch, errors);
        if (errors.Any)
            return errors.ToProblem();
        var person = http.Authority(rulebooks.Current).Person;
        var wanted = new WorkOrderAction(
            action, person.UserName, request?.Unit?.Trim(), request?.Reason, request?.Comment, attachments, request?.Grade?.Trim(),
            request?.OccurredAt?.ToUniversalTime(), request?.Assignee, request?.Finding?.Trim(), request?.FindingUnit?.Trim());

        // Without If-Match the caller wants the step taken on the order as it is: when the clock
        // runner or another user changed it meanwhile, take it again on the new version.
        for (var attempt = 1; ; attempt++)
        {
            var (result, raced) = await TryAsync(wanted, key, expectedVersion, db, rulebooks, calendars, clock, http, cancellationToken);
            if (!raced || expectedVersion is not null || attempt == 3)
                return result;
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<(Results<Ok<WorkOrderView>, ValidationProblem, ProblemHttpResult> Result, bool Raced)> TryAsync(
        WorkOrderAction wanted,
        string key,
        int? expectedVersion,
        CloseloopDb db,
        Rulebooks rulebooks,
        Calendars calendars,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return (GetWorkOrder.NotFound(key), false);
        var authority = http.Authority(rulebooks.Current);
        if (!await db.IsSeenByAsync(order, authority, cancellationToken))
            return (Refusals.Hidden(http, AuditTrail.OrderSubject(order.Number), GetWorkOrder.NotFound(key)), false);
        if (!authority.MayTake(wanted.Action))
            return (Refusals.Forbidden($"None of your roles may take the step '{wanted.Action}'."), false);
        var rulebook = await rulebooks.GetAsync(order.RuleVersion, db, cancellationToken);
        var lifecycle = rulebook.RulesFor(order.AcceptingUnit).LifecycleOf(order.Type, order.Subtype);
        // An appeal is the found unit's to take, wherever the order is; every other step is the holder's.
        // With no unit found, the order itself refuses the appeal below.
        var transition = lifecycle.Find(wanted.Action, order.Status);
        if ((transition is null ? order.ResponsibleUnit : transition.ActingUnit(order.ResponsibleUnit, order.FindingUnit)) is { } acting && !authority.Covers(acting))
        {
            return (Refusals.Forbidden(transition is { ByFinding: true }
                ? $"The order was found to be '{acting}''s, outside your part of the organisation: only it may take '{wanted.Action}'."
                : $"The order is with '{acting}' now, outside your part of the organisation."), false);
        }
        if (expectedVersion is { } expected && expected != order.Version)
            return (Changed(order.Version, StatusCodes.Status412PreconditionFailed), false);
        if (wanted.Assignee is { } assignee && await AssigneeProblemAsync(db, rulebooks.Current, assignee.Trim(), order.ResponsibleUnit, cancellationToken) is { } problem)
        {
            var invalid = new FieldErrors();
            invalid.Add("assignee", Problem.NotInUnit(assignee.Trim(), order.ResponsibleUnit), problem);
            return (invalid.ToProblem(), false);
        }

        var clocks = new OrderClocks(await db.Clocks.Where(c => c.WorkOrderId == order.Id).ToListAsync(cancellationToken));
        var before = (order.ResponsibleUnit, order.Status);
        var now = clock.GetUtcNow();
        var calendar = calendars.ByUnit(rulebook)(order.AcceptingUnit);
        var outcome = order.Perform(wanted, lifecycle, rulebook.Org, now, rulebook.Types[order.Type], rulebook.Routing.SuggestFor(order), calendar);

        if (outcome.Refusal is { } refusal)
            return (Refused(refusal), false);

        var recorded = outcome.Recorded!;
        var changes = clocks.Follow(
            order, recorded, rulebook.RulesFor(order.ResponsibleUnit).Clocks, calendars.ByUnit(rulebook), () => Guid.CreateVersion7(now));
        if (changes.Count > 0)
            recorded = recorded with { Changes = recorded.Changes with { Clocks = changes } };
        db.WorkOrderEvents.Add(recorded);
        db.Record(authority.Person, $"workOrder.{recorded.Action}", AuditTrail.OrderSubject(order.Number), now, $"{recorded.FromStatus} → {recorded.ToStatus} at {order.ResponsibleUnit}");
        db.Clocks.AddRange(clocks.Started);
        WorkOrderCounts.Record(db, order, before);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.WorkOrders.AsNoTracking().Where(o => o.Id == order.Id).Select(o => o.Version).SingleAsync(cancellationToken);
            return (Changed(current, StatusCodes.Status409Conflict), true);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            // Another request appended the same step number first.
            return (Changed(order.Version, StatusCodes.Status409Conflict), true);
        }

        var view = WorkOrderView.Of(
            order, lifecycle, rulebook, calendar, await db.HistoryAsync(order.Id, cancellationToken), ClockView.ListOf(clocks.All, rulebook, calendars, now, explain: false));
        http.Response.Headers.ETag = view.ETag;
        return (TypedResults.Ok(view), false);
    }

    // An order is assigned to someone who can work it: a person of the unit that holds it, or below it.
    private static async Task<string?> AssigneeProblemAsync(CloseloopDb db, Closeloop.Presets.Rulebook rulebook, string userName, string unit, CancellationToken cancellationToken)
    {
        var name = userName.ToLowerInvariant();
        var person = await db.Users.AsNoTracking().Where(u => u.UserName == name && u.DisabledAt == null).Select(u => u.Unit).SingleOrDefaultAsync(cancellationToken);
        return person is not null && rulebook.Org.IsWithin(person, unit) ? null : $"no one called '{userName}' works in '{unit}'";
    }

    /// <summary>An action the order refused: 400 naming the field it lacks, 409 when it is not allowed now.</summary>
    internal static Results<Ok<WorkOrderView>, ValidationProblem, ProblemHttpResult> Refused(ActionRefusal refusal)
    {
        if (refusal is ActionRefusal.InvalidField invalid)
        {
            var errors = new FieldErrors();
            errors.Add(invalid.Field, invalid.Problem, invalid.Text);
            return errors.ToProblem();
        }
        var extensions = refusal switch
        {
            ActionRefusal.NotAllowedNow refused => new Dictionary<string, object?> { ["status"] = refused.Status, ["allowedActions"] = refused.Allowed },
            ActionRefusal.WindowShut shut => new Dictionary<string, object?> { ["closedAt"] = shut.ClosedAt, ["windowShutAt"] = shut.ShutAt },
            _ => null,
        };
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Action not allowed now", detail: refusal.Message, extensions: extensions);
    }

    private static int? ExpectedVersion(string? ifMatch, FieldErrors errors)
    {
        if (ifMatch is null)
            return null;
        if (EntityTagHeaderValue.TryParseList([ifMatch], out var tags) && tags.Count == 1)
        {
            if (tags[0].Tag == "*")
                return null;
            if (int.TryParse(tags[0].Tag.AsSpan().Trim('"'), out var version))
                return version;
        }
        errors.Add("If-Match", Problem.ETag, "must be the ETag of the order, e.g. \"3\"");
        return null;
    }

    // 412 when the client's If-Match no longer holds; 409 when another change landed while this one was being saved.
    internal static ProblemHttpResult Changed(int currentVersion, int status) =>
        TypedResults.Problem(
            statusCode: status,
            title: "The order has changed",
            detail: $"Someone else changed the order since you read it (it is now at version {currentVersion}); reload it and try again.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });
}
