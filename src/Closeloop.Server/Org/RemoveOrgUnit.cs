using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Org;

/// <summary>
/// Takes a unit out of the tree for new orders. Only a leaf with no open orders may go, and not the
/// unit that accepts the hotline's orders; its closed orders keep naming it, and its code is never
/// given to another unit while older rule versions hold it.
/// </summary>
internal static class RemoveOrgUnit
{
    public static async Task<Results<Ok<OrgChanged>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, string? reason, [FromHeader(Name = "If-Match")] string? ifMatch, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var before = OrgChanges.DraftOf(current);
        if (before.Find(code) is null)
            return GetOrgUnit.NotFound(code);
        var errors = new FieldErrors();
        var who = OrgChanges.Who(errors, http, rulebooks, reason);
        if (errors.Any)
            return errors.ToProblem();
        if (RuleVersionMatch.Check(ifMatch, current.Rulebook.RuleVersion, "GET /api/org") is { } failed)
            return failed;

        if (before.ChildrenOf(code).Select(u => u.Code).ToList() is { Count: > 0 } children)
            return Refused($"'{code}' still has units below it ({string.Join(", ", children)}); move or remove them first.", new() { ["children"] = children });
        var open = await db.WorkOrders.CountAsync(o => o.ResponsibleUnit == code && o.ClosedAt == null, cancellationToken);
        if (open > 0)
            return Refused($"'{code}' is responsible for {open} open work order(s); dispatch or close them first.", new() { ["openWorkOrders"] = open });
        if (current.Rulebook.IntakeUnit == code)
            return Refused($"'{code}' accepts the orders that name no unit (intakeUnit in preset.yaml); it cannot be removed.", []);

        var after = OrgChanges.DraftOf(current);
        after.Remove(code);
        var (answer, invalid, stale) = await OrgChanges.ChangeUnitAsync(
            current, before, after, code, field: "code", (who.Actor!, who.Reason!), rulebooks, db, clock, http, cancellationToken);
        if (invalid is not null)
            return invalid;
        return answer is null ? stale! : TypedResults.Ok(answer);
    }

    private static ProblemHttpResult Refused(string detail, Dictionary<string, object?> extensions) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The org unit cannot be removed", detail: detail, extensions: extensions);
}
