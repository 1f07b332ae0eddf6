using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Audit;

/// <summary>The auditor's reading of the audit trail and of the personal-data access log, newest first, for their subtree.</summary>
public static class AuditApi
{
    public const int MaxLimit = 500;

    public sealed record EntryView(long Id, DateTimeOffset At, string Actor, string? Unit, string Action, string Subject, string? Detail);

    public sealed record AccessView(long Id, DateTimeOffset At, string Actor, string WorkOrder, string Reason);

    public sealed record Query(string? Actor, string? Action, string? Subject, DateTimeOffset? From, DateTimeOffset? To, long? Before, int? Limit);

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/api/audit").WithTags("Audit");
        audit.MapGet("/", Trail).WithName("AuditTrail").WithSummary("Who did what to which order, rule, person or unit (auditors)");
        audit.MapGet("/personal-data", PersonalData).WithName("PersonalDataAccessLog").WithSummary("Who was shown customers' unmasked data, when and why (auditors)");
        return routes;
    }

    public static async Task<Results<Ok<List<EntryView>>, ValidationProblem, ProblemHttpResult>> Trail(
        [AsParameters] Query query, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ReadAudit))
            return Refusals.Forbidden("Reading the audit trail needs the readAudit right.");
        var limit = Limit(query, out var errors);
        if (errors.Any)
            return errors.ToProblem();

        var entries = db.AuditTrail.AsNoTracking();
        if (authority.ListScope() is { } scope)
            entries = entries.Where(e => e.Unit != null && scope.Contains(e.Unit));
        if (query.Action is not null)
            entries = entries.Where(e => e.Action == query.Action);
        if (query.Subject is not null)
            entries = entries.Where(e => e.Subject == query.Subject);
        var page = await ByActorAndTime(entries, query).OrderByDescending(e => e.Id).Take(limit)
            .Select(e => new EntryView(e.Id, e.At, e.Actor, e.Unit, e.Action, e.Subject, e.Detail))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<List<AccessView>>, ValidationProblem, ProblemHttpResult>> PersonalData(
        [AsParameters] Query query, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ReadAudit))
            return Refusals.Forbidden("Reading the personal-data access log needs the readAudit right.");
        var limit = Limit(query, out var errors);
        if (query.Action is not null || query.Subject is not null)
            errors.Add(query.Action is not null ? "action" : "subject", Problem.NotAFilter, "is not a filter of this log (filter by actor and time)");
        if (errors.Any)
            return errors.ToProblem();

        var orders = db.WorkOrders.AsNoTracking();
        if (authority.ListScope() is { } scope)
            orders = orders.Where(o => scope.Contains(o.AcceptingUnit) || scope.Contains(o.ResponsibleUnit));
        var page = await ByActorAndTime(db.PersonalDataAccess.AsNoTracking(), query).Join(orders, a => a.WorkOrderId, o => o.Id, (a, o) => new { a, o.Number })
            .OrderByDescending(x => x.a.Id).Take(limit)
            .Select(x => new AccessView(x.a.Id, x.a.At, x.a.Actor, x.Number, x.a.Reason))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page);
    }

    // The filters both logs share: who, when, and the page before a line.
    private static IQueryable<T> ByActorAndTime<T>(IQueryable<T> lines, Query query)
        where T : class, IAuditLine
    {
        if (query.Actor is not null)
            lines = lines.Where(e => e.Actor == query.Actor);
        if (query.From is { } from)
            lines = lines.Where(e => e.At >= from.ToUniversalTime());
        if (query.To is { } to)
            lines = lines.Where(e => e.At < to.ToUniversalTime());
        if (query.Before is { } before)
            lines = lines.Where(e => e.Id < before);
        return lines;
    }

    private static int Limit(Query query, out FieldErrors errors)
    {
        errors = new FieldErrors();
        if (query.Limit is < 1 or > MaxLimit)
            errors.Add("limit", Problem.Range(1, MaxLimit), $"must be 1 to {MaxLimit}");
        if (query.From is { } from && query.To is { } to && from > to)
            errors.Add("to", Problem.NotBefore("from"), "must not be before from");
        return query.Limit ?? 100;
    }
}
