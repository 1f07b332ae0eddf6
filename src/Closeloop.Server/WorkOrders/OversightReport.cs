using Closeloop.People;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// How much urging and supervision each unit drew (催办、督办), counted per unit holding the orders:
/// managers are scored on it. Reads only the orders supervisors touched, through a partial index.
/// </summary>
public static class OversightReport
{
    /// <param name="UrgedOrders">Orders urged at least once; <paramref name="Urges"/> counts every urge.</param>
    public sealed record Row(string Unit, int UrgedOrders, int Urges, int SupervisedOrders, int StillOpen);

    public static async Task<Results<Ok<List<Row>>, ValidationProblem, ProblemHttpResult>> Handle(
        string? unit, bool? subtree, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ReadReports))
            return Refusals.Forbidden("The oversight report needs the readReports right.");
        var errors = new FieldErrors();
        var scope = UnitFilter.Resolve(rulebooks.Current.Org, unit, subtree, authority, http, errors);
        if (errors.Any)
            return errors.ToProblem();
        if (scope.Refusal is { } refusal)
            return refusal;

        var overseen = db.WorkOrders.AsNoTracking().Where(o => o.Urges > 0 || o.SupervisedAt != null);
        if (scope.Units is { } units)
            overseen = overseen.Where(o => units.Contains(o.ResponsibleUnit));
        var rows = await overseen
            .GroupBy(o => o.ResponsibleUnit)
            .Select(g => new Row(
                g.Key, g.Count(o => o.Urges > 0), g.Sum(o => o.Urges), g.Count(o => o.SupervisedAt != null), g.Count(o => o.ClosedAt == null)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderByDescending(r => r.Urges + r.SupervisedOrders).ThenBy(r => r.Unit, StringComparer.Ordinal).ToList());
    }
}
