using Closeloop.Clocks;
using Closeloop.People;
using Closeloop.Presets;
using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Clocks;

/// <summary>
/// How each kind of deadline was kept (按时率): of the clocks a unit counted that stopped in a period,
/// how many were met, how many breached and how many warned first, and how many run overdue now.
/// </summary>
public static class ClockOutcomes
{
    public sealed record Outcome(string Clock, Label Name, int Stopped, int Met, int Breached, int Warned, double? OnTimeRate, int OverdueNow);

    public static IEndpointRouteBuilder MapClocks(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/clocks/outcomes", Handle).WithTags("Clocks").WithName("ClockOutcomes")
            .WithSummary("Per kind of deadline: clocks stopped in a period met or breached, the on-time rate, and how many run overdue now");
        return routes;
    }

    public static async Task<Results<Ok<List<Outcome>>, ValidationProblem, ProblemHttpResult>> Handle(
        string? unit, bool? subtree, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, CloseloopDb db, Rulebooks rulebooks,
        CancellationToken cancellationToken)
    {
        var rules = rulebooks.Current;
        var authority = http.Authority(rules);
        if (!authority.May(Right.ReadReports))
            return Refusals.Forbidden("On-time rates need the readReports right.");
        var errors = new FieldErrors();
        var scope = UnitFilter.Resolve(rules.Org, unit, subtree, authority, http, errors);
        if (from is { } start && to is { } end && start > end)
            errors.Add("to", Problem.NotBefore("from"), "must not be before from");
        if (errors.Any)
            return errors.ToProblem();
        if (scope.Refusal is { } refusal)
            return refusal;
        var units = scope.Units;

        var clocks = db.Clocks.AsNoTracking();
        if (units is not null)
            clocks = clocks.Where(c => units.Contains(c.CountedBy));
        var stopped = clocks.Where(c => c.StoppedAt != null);
        if (from is { } since)
            stopped = stopped.Where(c => c.StoppedAt >= since.ToUniversalTime());
        if (to is { } until)
            stopped = stopped.Where(c => c.StoppedAt < until.ToUniversalTime());

        var kept = await stopped.GroupBy(c => c.Policy).Select(g => new
        {
            Clock = g.Key,
            Stopped = g.Count(),
            Met = g.Count(c => c.State == ClockState.Met),
            Breached = g.Count(c => c.State == ClockState.Breached),
            Warned = g.Count(c => c.WarnedAt != null),
        }).ToDictionaryAsync(o => o.Clock, cancellationToken);
        var overdue = await clocks.Where(c => c.StoppedAt == null && c.State == ClockState.Breached)
            .GroupBy(c => c.Policy).Select(g => new { Clock = g.Key, Count = g.Count() })
            .ToDictionaryAsync(o => o.Clock, o => o.Count, cancellationToken);

        return TypedResults.Ok(rules.Clocks.Select(policy =>
        {
            var outcome = kept.GetValueOrDefault(policy.Code);
            var stoppedCount = outcome?.Stopped ?? 0;
            return new Outcome(
                policy.Code, policy.Label, stoppedCount, outcome?.Met ?? 0, outcome?.Breached ?? 0, outcome?.Warned ?? 0,
                stoppedCount == 0 ? null : Math.Round((double)outcome!.Met / stoppedCount, 4), overdue.GetValueOrDefault(policy.Code));
        }).ToList());
    }
}
