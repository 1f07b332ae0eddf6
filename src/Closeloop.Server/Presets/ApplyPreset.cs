using System.Text;
using Closeloop.Server.Audit;
using Closeloop.Server.People;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Closeloop.Server.Presets;

/// <summary>
/// Makes a changed preset.yaml (the body) current for new orders: checked like <see cref="CheckPreset"/>,
/// made on the rule version the administrator read (If-Match), stored as a new rule version with who
/// and why, and written to the audit trail. Orders accepted before keep the version they recorded.
/// </summary>
internal static class ApplyPreset
{
    public const string AuditAction = "rules.change";

    public static async Task<Results<Ok<PresetChanged>, ValidationProblem, ProblemHttpResult>> Handle(
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
        return await ApplyAsync(text, reason, ifMatch, db, rulebooks, clock, http, cancellationToken);
    }

    /// <summary>The change to <paramref name="text"/>, however it arrived: a request body, or a page's form.</summary>
    public static async Task<Results<Ok<PresetChanged>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string text,
        string? reason,
        string? ifMatch,
        CloseloopDb db,
        Rulebooks rulebooks,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (PresetChanges.MayChange(http, rulebooks) is { } refused)
            return refused;
        var errors = new FieldErrors();
        var (actor, why) = PresetChanges.Who(errors, http, rulebooks, reason);
        CheckPreset.Empty(errors, text);
        if (errors.Any)
            return errors.ToProblem();
        var current = await PresetChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var basis = current.Rulebook.RuleVersion;
        if (RuleVersionMatch.Check(ifMatch, basis, "GET /api/presets") is { } failed)
            return failed;
        http.Response.Headers.ETag = PresetChanges.ETag(basis);
        var authority = http.Authority(current.Rulebook);
        var (next, problems) = PresetChanges.Check(current, text, rulebooks, authority.Person);
        if (next is null)
            return PresetChanges.Refused(problems);
        var diff = PresetDiff.Between(current, next);
        if (next.Rulebook.RuleVersion == basis)
            return TypedResults.Ok(new PresetChanged(basis, false, diff));

        var now = clock.GetUtcNow();
        if (!await rulebooks.ChangeAsync(db, next, basis, actor, why!, now, cancellationToken))
            return RuleVersionMatch.Stale((await PresetChanges.CurrentAsync(rulebooks, db, cancellationToken)).Rulebook.RuleVersion);
        await db.RecordNowAsync(
            actor, authority.Person.Unit, AuditAction, $"rules:{next.Rulebook.RuleVersion}", now,
            $"{why} — from {basis}: {string.Join("; ", diff.Rules.Select(Summary))}", cancellationToken);
        http.Response.Headers.ETag = PresetChanges.ETag(next.Rulebook.RuleVersion);
        return TypedResults.Ok(new PresetChanged(next.Rulebook.RuleVersion, true, diff));
    }

    private static string Summary(PresetDiff.Change change)
    {
        var what = change.Field is "added" or "removed" ? change.Field
            : change.Removed is not null ? $"{change.Field} -[{string.Join(", ", change.Removed)}] +[{string.Join(", ", change.Added!)}]"
            : $"{change.Field} {change.Before} → {change.After}";
        return $"{change.Area} {change.Code} {what}".Replace("  ", " ", StringComparison.Ordinal);
    }
}
