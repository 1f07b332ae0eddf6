using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Closeloop.Server.Org;

/// <summary>
/// Replaces what an admin may say of a unit: names, kind, area codes, its own calendar, office hours
/// and clock limits (left out: none of its own, it inherits). Its code, place in the tree and other
/// overrides stay.
/// </summary>
internal static class UpdateOrgUnit
{
    public sealed record Request(
        string? Kind,
        LabelDocument? Name,
        List<string>? AreaCodes,
        string? Calendar,
        List<OfficePeriodDocument>? OfficeHours,
        Dictionary<string, ClockLimitDocument>? Clocks,
        string? Reason);

    public static async Task<Results<Ok<OrgChanged>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, Request request, [FromHeader(Name = "If-Match")] string? ifMatch, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var before = OrgChanges.DraftOf(current);
        if (before.Find(code) is null)
            return GetOrgUnit.NotFound(code);
        var errors = new FieldErrors();
        var (actor, reason) = OrgChanges.Who(errors, http, rulebooks, request.Reason);
        if (errors.Any)
            return errors.ToProblem();
        if (RuleVersionMatch.Check(ifMatch, current.Rulebook.RuleVersion, "GET /api/org") is { } failed)
            return failed;

        var after = OrgChanges.DraftOf(current);
        var unit = after.Find(code)!;
        unit.Kind = request.Kind;
        unit.Name = request.Name;
        unit.AreaCodes = request.AreaCodes ?? [];
        unit.SetRules(request.Calendar, request.OfficeHours, request.Clocks);
        var (answer, invalid, stale) = await OrgChanges.ChangeUnitAsync(
            current, before, after, code, field: null, (actor!, reason!), rulebooks, db, clock, http, cancellationToken);
        if (invalid is not null)
            return invalid;
        return answer is null ? stale! : TypedResults.Ok(answer);
    }
}
