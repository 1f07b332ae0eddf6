using Closeloop.Problems;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Closeloop.Server.Org;

/// <summary>
/// Moves a unit, with its subtree, below another parent. Its orders keep their history, their
/// responsible unit and the rule version they were accepted under; new orders follow the new tree.
/// </summary>
internal static class MoveOrgUnit
{
    public sealed record Request(string? Parent, string? Reason);

    public static async Task<Results<Ok<OrgChanged>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, Request request, [FromHeader(Name = "If-Match")] string? ifMatch, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var before = OrgChanges.DraftOf(current);
        if (before.Find(code) is null)
            return GetOrgUnit.NotFound(code);
        var errors = new FieldErrors();
        var (actor, reason) = OrgChanges.Who(errors, http, rulebooks, request.Reason);
        var parent = errors.Required("parent", request.Parent);
        if (parent is not null && before.Find(parent) is null)
            errors.Add("parent", Problem.UnknownUnit(parent), $"unknown org unit '{parent}'");
        else if (parent is not null && before.IsWithin(parent, code))
            errors.Add("parent", Problem.BelowItself(parent), $"'{parent}' lies within the subtree of '{code}': a unit cannot move below itself");
        if (errors.Any)
            return errors.ToProblem();
        if (RuleVersionMatch.Check(ifMatch, current.Rulebook.RuleVersion, "GET /api/org") is { } failed)
            return failed;

        var after = OrgChanges.DraftOf(current);
        after.Find(code)!.Parent = parent;
        // A clock the subtree tightened may be looser than what the new parent allows: that is the parent's problem.
        var (answer, invalid, stale) = await OrgChanges.ChangeUnitAsync(
            current, before, after, code, field: "parent", (actor!, reason!), rulebooks, db, clock, http, cancellationToken);
        if (invalid is not null)
            return invalid;
        return answer is null ? stale! : TypedResults.Ok(answer);
    }
}
