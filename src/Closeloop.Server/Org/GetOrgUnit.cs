using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Org;

/// <summary>One unit of the current org tree; the ETag is the tree's rule version, for a change that follows.</summary>
internal static class GetOrgUnit
{
    public static async Task<Results<Ok<OrgUnitView>, ProblemHttpResult>> Handle(
        string code, CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        if (OrgChanges.DraftOf(current).Find(code) is not { } unit)
            return NotFound(code);
        http.Response.Headers.ETag = OrgChanges.ETag(current.Rulebook.RuleVersion);
        return TypedResults.Ok(OrgUnitView.Of(current.Rulebook, unit));
    }

    public static ProblemHttpResult NotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such org unit", detail: $"There is no org unit '{code}' in the current org tree.");
}
