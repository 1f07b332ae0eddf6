using System.Text;
using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Org;

/// <summary>
/// Replaces the whole org tree with a file (the body: org.yaml, or the CSV of <see cref="OrgCsv"/>).
/// <c>dryRun=true</c> checks it and answers what it would change without storing anything; a real
/// import is a new rule version like any other change. A bad file is refused naming the line (or
/// row) and column of each problem.
/// </summary>
internal static class ImportOrg
{
    public static async Task<Results<Ok<OrgChanged>, ValidationProblem, ProblemHttpResult>> Handle(
        string? format,
        bool? dryRun,
        string? reason,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CloseloopDb db,
        Rulebooks rulebooks,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        using var body = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await body.ReadToEndAsync(cancellationToken);
        return await ImportAsync(text, format, dryRun, reason, ifMatch, db, rulebooks, clock, http, cancellationToken);
    }

    /// <summary>The import of <paramref name="text"/>, however it arrived: a request body, or a page's form.</summary>
    public static async Task<Results<Ok<OrgChanged>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string text,
        string? format,
        bool? dryRun,
        string? reason,
        string? ifMatch,
        CloseloopDb db,
        Rulebooks rulebooks,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var csv = errors.OneOf("format", format ?? "yaml", ExportOrg.Formats) == "csv";
        var dry = dryRun == true;
        var who = dry ? (http.Authority(rulebooks.Current).Person.UserName, reason ?? "") : OrgChanges.Who(errors, http, rulebooks, reason);
        if (string.IsNullOrWhiteSpace(text))
            errors.Add("body", Problem.EmptyFile, "the file is empty: send org.yaml or the CSV as the request body");
        if (errors.Any)
            return errors.ToProblem();
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        if (!dry && RuleVersionMatch.Check(ifMatch, current.Rulebook.RuleVersion, "GET /api/org") is { } failed)
            return failed;

        var file = csv ? "org.csv" : PresetLoader.OrgFile;
        OrgDraft after;
        string orgYaml;
        Func<PresetProblem, string> locate;
        if (csv)
        {
            var (draft, rowByCode, problems) = OrgCsv.Read(text);
            if (draft is null)
                return Refused(file, problems);
            var (document, paths) = draft.ToDocument();
            (after, orgYaml, locate) = (draft, PresetLoader.WriteYaml(document), p => OrgCsv.Locate(p, paths, rowByCode));
        }
        else
        {
            try
            {
                after = OrgDraft.Read(text);
            }
            catch (PresetException e)
            {
                return Refused(file, [.. e.Problems.Select(p => p.Message)]);
            }
            (orgYaml, locate) = (text, p => p.File == PresetLoader.OrgFile && p.Path is { } path ? $"{YamlLocator.Find(text, path)}: {path}: {p.Message}" : p.ToString());
        }

        var (next, found) = OrgChanges.Check(current, orgYaml, rulebooks);
        if (next is null)
            return Refused(file, [.. found.Select(locate)]);
        var before = OrgChanges.DraftOf(current);
        var removed = OrgDiff.Between(before, after).Removed;
        var busy = await db.WorkOrders.Where(o => removed.Contains(o.ResponsibleUnit) && o.ClosedAt == null)
            .Select(o => o.ResponsibleUnit).Distinct().ToListAsync(cancellationToken);
        if (busy.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The file removes units that hold open work orders",
                detail: $"{string.Join(", ", busy.Order(StringComparer.Ordinal))} still hold open work orders; dispatch or close them first, or keep the units.",
                extensions: new Dictionary<string, object?> { ["units"] = busy });
        }

        var (answer, stale) = await OrgChanges.StoreAsync(current, before, after, next, who!, dry, rulebooks, db, clock, http, cancellationToken);
        return answer is null ? stale! : TypedResults.Ok(answer);
    }

    private static ValidationProblem Refused(string file, IEnumerable<string> problems)
    {
        var errors = new FieldErrors();
        foreach (var problem in problems)
            errors.Add(file, Problem.Rule(problem), problem);
        return errors.ToProblem();
    }
}
