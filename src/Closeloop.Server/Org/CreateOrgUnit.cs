using Closeloop.Problems;
using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Closeloop.Server.Org;

/// <summary>Adds a unit below an existing one, as the last of its children. Its code is new and never changes.</summary>
internal static class CreateOrgUnit
{
    public sealed record Request(
        string? Code,
        string? Parent,
        string? Kind,
        LabelDocument? Name,
        List<string>? AreaCodes,
        string? Calendar,
        List<OfficePeriodDocument>? OfficeHours,
        Dictionary<string, ClockLimitDocument>? Clocks,
        string? Reason);

    public static async Task<Results<Created<OrgChanged>, Ok<OrgChanged>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, [FromHeader(Name = "If-Match")] string? ifMatch, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var errors = new FieldErrors();
        var (actor, reason) = OrgChanges.Who(errors, http, rulebooks, request.Reason);
        var before = OrgChanges.DraftOf(current);
        var code = errors.MaxLength("code", errors.Required("code", request.Code), 64);
        if (code is not null && before.Find(code) is not null)
            errors.Add("code", Problem.Taken(code), $"'{code}' already exists: every unit has a code of its own");
        var parent = errors.Required("parent", request.Parent);
        if (parent is not null && before.Find(parent) is null)
            errors.Add("parent", Problem.UnknownUnit(parent), $"unknown org unit '{parent}'");
        if (errors.Any)
            return errors.ToProblem();
        if (RuleVersionMatch.Check(ifMatch, current.Rulebook.RuleVersion, "GET /api/org") is { } failed)
            return failed;

        var after = OrgChanges.DraftOf(current);
        var unit = new DraftUnit { Code = code!, Parent = parent, Kind = request.Kind, Name = request.Name, AreaCodes = request.AreaCodes ?? [] };
        unit.SetRules(request.Calendar, request.OfficeHours, request.Clocks);
        after.Add(unit);
        var (answer, invalid, stale) = await OrgChanges.ChangeUnitAsync(
            current, before, after, unit.Code, field: null, (actor!, reason!), rulebooks, db, clock, http, cancellationToken);
        if (invalid is not null)
            return invalid;
        if (answer is null)
            return stale!;
        return TypedResults.Created($"/api/org/units/{Uri.EscapeDataString(unit.Code)}", answer);
    }
}
