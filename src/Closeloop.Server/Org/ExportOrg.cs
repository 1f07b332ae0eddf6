using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Org;

/// <summary>
/// The current org tree as a file: org.yaml exactly as stored (comments included), or the CSV of
/// <see cref="OrgCsv"/>. Either imported again changes nothing.
/// </summary>
internal static class ExportOrg
{
    public static readonly string[] Formats = ["yaml", "csv"];

    public static async Task<Results<ContentHttpResult, ValidationProblem>> Handle(
        string? format, CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var chosen = errors.OneOf("format", format ?? "yaml", Formats);
        if (errors.Any)
            return errors.ToProblem();
        var current = await OrgChanges.CurrentAsync(rulebooks, db, cancellationToken);
        http.Response.Headers.ETag = OrgChanges.ETag(current.Rulebook.RuleVersion);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"org.{chosen}\"";
        return chosen == "csv"
            ? TypedResults.Text(OrgCsv.Write(OrgChanges.DraftOf(current)), "text/csv; charset=utf-8")
            : TypedResults.Text(current.Files[PresetLoader.OrgFile], "application/yaml; charset=utf-8");
    }
}
