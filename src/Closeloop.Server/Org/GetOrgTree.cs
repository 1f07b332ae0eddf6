using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Org;

/// <summary>The org tree new orders are accepted under, every unit in org.yaml's order; the ETag is its rule version.</summary>
internal static class GetOrgTree
{
    public static async Task<Ok<OrgTreeView>> Handle(CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var rulebook = current.Rulebook;
        var change = rulebooks.CurrentChange is { } c && c.RuleVersion == rulebook.RuleVersion ? c : null;
        http.Response.Headers.ETag = OrgChanges.ETag(rulebook.RuleVersion);
        return TypedResults.Ok(new OrgTreeView(
            rulebook.RuleVersion, change?.Actor, change?.At, change?.Reason, OrgUnitView.AllOf(rulebook, OrgChanges.DraftOf(current))));
    }
}
