using System.Text;
using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Presets;

/// <summary>
/// Checks a changed preset.yaml (the body) with the current org.yaml exactly as a start-up would, and
/// answers what it would change, in business terms and line by line; stores nothing. A bad file is
/// a 400 naming each problem's file, path and line.
/// </summary>
internal static class CheckPreset
{
    public static async Task<Results<Ok<PresetChanged>, ValidationProblem, ProblemHttpResult>> Handle(
        CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        using var body = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await body.ReadToEndAsync(cancellationToken);
        return await CheckAsync(text, db, rulebooks, http, cancellationToken);
    }

    /// <summary>The check of <paramref name="text"/>, however it arrived: a request body, or a page's form.</summary>
    public static async Task<Results<Ok<PresetChanged>, ValidationProblem, ProblemHttpResult>> CheckAsync(
        string text, CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        if (PresetChanges.MayRead(http, rulebooks) is { } refused)
            return refused;
        var errors = new FieldErrors();
        Empty(errors, text);
        if (errors.Any)
            return errors.ToProblem();
        var current = await PresetChanges.CurrentAsync(rulebooks, db, cancellationToken);
        http.Response.Headers.ETag = PresetChanges.ETag(current.Rulebook.RuleVersion);
        var (next, problems) = PresetChanges.Check(current, text, rulebooks, http.Authority(current.Rulebook).Person);
        if (next is null)
            return PresetChanges.Refused(problems);
        return TypedResults.Ok(new PresetChanged(current.Rulebook.RuleVersion, false, PresetDiff.Between(current, next)));
    }

    /// <summary>An error on <c>body</c> when there is no text to check, or too much.</summary>
    public static void Empty(FieldErrors errors, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            errors.Add("body", Problem.EmptyFile, $"the file is empty: send the changed {PresetChanges.ChangeableFile} as the request body");
        else
            errors.MaxLength("body", text, 1_000_000);
    }
}
