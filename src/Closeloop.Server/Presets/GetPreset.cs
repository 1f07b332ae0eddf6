using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Presets;

/// <summary>The files of the rule version in force for new orders; the ETag is that rule version.</summary>
internal static class GetPreset
{
    public static async Task<Results<Ok<PresetView>, ProblemHttpResult>> Handle(
        CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        if (PresetChanges.MayRead(http, rulebooks) is { } refused)
            return refused;
        var current = await PresetChanges.CurrentAsync(rulebooks, db, cancellationToken);
        var rulebook = current.Rulebook;
        var change = rulebooks.CurrentChange is { } c && c.RuleVersion == rulebook.RuleVersion ? c : null;
        http.Response.Headers.ETag = PresetChanges.ETag(rulebook.RuleVersion);
        return TypedResults.Ok(new PresetView(
            rulebook.Preset, rulebook.Version, rulebook.RuleVersion, change?.Actor, change?.At, change?.Reason,
            new SortedDictionary<string, string>(current.Files.ToDictionary(), StringComparer.Ordinal)));
    }
}
