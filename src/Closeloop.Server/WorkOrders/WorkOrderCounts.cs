using Closeloop.People;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// How many orders a unit (or everyone) holds, by status and type: exact, and as fast at ten
/// million orders as at ten, because it reads a small roll-up instead of the orders.
/// </summary>
public static class WorkOrderCounts
{
    public sealed record Query(string? Unit, bool? Subtree);

    public sealed record Cell(string Type, string Status, long Count);

    public sealed record Answer(long Total, IReadOnlyDictionary<string, long> ByStatus, IReadOnlyDictionary<string, long> ByType, IReadOnlyList<Cell> Cells);

    /// <summary>Records in <paramref name="db"/> that <paramref name="order"/> moved from <paramref name="before"/> to where it is now.</summary>
    public static void Record(CloseloopDb db, WorkOrder order, (string Unit, string Status) before)
    {
        if (before == (order.ResponsibleUnit, order.Status))
            return;
        db.WorkOrderCountDeltas.Add(Delta(before.Unit, order.Type, before.Status, -1));
        db.WorkOrderCountDeltas.Add(Delta(order.ResponsibleUnit, order.Type, order.Status, +1));
    }

    public static WorkOrderCountDelta Delta(string unit, string type, string status, int delta) =>
        new() { ResponsibleUnit = unit, Type = type, Status = status, Delta = delta };

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] Query query, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ReadOrders) && !authority.May(Right.ReadReports))
            return Refusals.Forbidden("Counting orders needs the readOrders or readReports right.");
        var errors = new FieldErrors();
        var scope = UnitFilter.Resolve(rulebooks.Current.Org, query.Unit, query.Subtree, authority, http, errors);
        if (errors.Any)
            return errors.ToProblem();
        if (scope.Refusal is { } refusal)
            return refusal;
        var units = scope.Units;

        var cells = (await CellsByUnitAsync(db, units, cancellationToken))
            .GroupBy(c => (c.Type, c.Status))
            .Select(g => new Cell(g.Key.Type, g.Key.Status, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .OrderBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal)
            .ToList();

        return TypedResults.Ok(new Answer(
            cells.Sum(c => c.Count),
            cells.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            cells.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            cells));
    }

    public sealed record UnitCell(string Unit, string Type, string Status, long Count);

    /// <summary>
    /// The exact count of every (responsible unit, type, status) of <paramref name="units"/> (null: all),
    /// read from the roll-up and the deltas not yet folded into it; cells that sum to zero are left out.
    /// </summary>
    public static async Task<List<UnitCell>> CellsByUnitAsync(CloseloopDb db, IReadOnlyList<string>? units, CancellationToken cancellationToken)
    {
        // Counts and not-yet-folded deltas in one statement, so a fold running meanwhile is seen whole or not at all.
        // Only parameter placeholders ({0}, {1}, …) are spliced in; the unit codes travel as parameters.
        var filter = units is null ? "" : $"WHERE responsible_unit IN ({string.Join(", ", units.Select((_, i) => $"{{{i}}}"))})";
        var sql = $"""
            SELECT responsible_unit AS "Unit", type AS "Type", status AS "Status", CAST(SUM(n) AS BIGINT) AS "Count" FROM (
                SELECT responsible_unit, type, status, count AS n FROM work_order_counts
                UNION ALL
                SELECT responsible_unit, type, status, delta AS n FROM work_order_count_deltas) AS c
            {filter}
            GROUP BY responsible_unit, type, status
            """;
        var cells = await db.Database.SqlQueryRaw<UnitCell>(sql, units?.Cast<object>().ToArray() ?? []).ToListAsync(cancellationToken);
        return [.. cells.Where(c => c.Count != 0)];
    }
}
