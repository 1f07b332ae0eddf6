using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.Org;
using Closeloop.Server.People;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Presets;

/// <summary>
/// What reading, checking and replacing the preset's rules go through: the manageRules right, the
/// root unit for a change (the rules apply to the whole tree), the rule version read as If-Match, and
/// the loader's checks of the whole preset with the other files as they are.
/// </summary>
internal static class PresetChanges
{
    /// <summary>The files an administrator may replace at runtime; org.yaml changes through <c>/api/org</c>.</summary>
    public const string ChangeableFile = PresetLoader.PresetFile;

    public static string ETag(string ruleVersion) => $"\"{ruleVersion}\"";

    /// <summary>The rules in force, read again first: another node may have changed them a moment ago.</summary>
    public static async Task<LoadedPreset> CurrentAsync(Rulebooks rulebooks, CloseloopDb db, CancellationToken cancellationToken)
    {
        await rulebooks.RefreshAsync(db, cancellationToken);
        return rulebooks.CurrentPreset;
    }

    /// <summary>Reading and checking the preset takes the manageRules right, wherever the person sits.</summary>
    public static ProblemHttpResult? MayRead(HttpContext http, Rulebooks rulebooks) =>
        http.Authority(rulebooks.Current).May(Right.ManageRules) ? null : Refusals.Forbidden("Reading and checking the preset needs the manageRules right.");

    /// <summary>Making a changed preset current takes the manageRules right at the root unit: its rules bind every unit.</summary>
    public static ProblemHttpResult? MayChange(HttpContext http, Rulebooks rulebooks)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ManageRules))
            return Refusals.Forbidden("Changing the preset needs the manageRules right.");
        return authority.ListScope() is null
            ? null
            : Refusals.Forbidden("The preset's rules apply to the whole organisation: only a person at the root unit may change them.");
    }



    /// <summary>Who makes the change and why; an error on <c>reason</c> when it is missing.</summary>
    public static (string Actor, string? Reason) Who(FieldErrors errors, HttpContext http, Rulebooks rulebooks, string? reason) =>
        (http.Authority(rulebooks.Current).Person.UserName, errors.MaxLength("reason", errors.Required("reason", reason), 1000));

    /// <summary>
    /// The preset of <paramref name="basis"/> with <paramref name="presetYaml"/> as its preset.yaml, checked
    /// by every rule of the loader; the problems each name the file, the path in it and its line.
    /// </summary>
    public static (LoadedPreset? Next, IReadOnlyList<LocatedProblem> Problems) Check(
        LoadedPreset basis, string presetYaml, Rulebooks rulebooks, Person person)
    {
        var files = new SortedDictionary<string, string>(basis.Files.ToDictionary(), StringComparer.Ordinal) { [ChangeableFile] = presetYaml };
        LoadedPreset next;
        try
        {
            next = PresetLoader.Parse(basis.Rulebook.Preset, files, name => name, rulebooks.KnownCalendars);
        }
        catch (PresetException e)
        {
            var problems = e.Problems.Count > 0 ? e.Problems : [new PresetProblem(ChangeableFile, null, e.Message)];
            return (null, [.. problems.Select(p => LocatedProblem.Of(p, files))]);
        }
        // A change that leaves the person without the right to change the rules back would lock every administrator out.
        if (!new Authority(person, next.Rulebook).May(Right.ManageRules))
        {
            const string path = "roles";
            return (null, [LocatedProblem.Of(new PresetProblem(ChangeableFile, path, "no role you hold would keep the manageRules right: nobody could change the rules back"), files)]);
        }
        return (next, []);
    }

    /// <summary>The extension of a refused preset's answer that lists each problem with its file, path, line and column.</summary>
    public const string LocatedExtension = "presetProblems";

    /// <summary>A 400 naming each problem's file and path (and line) under the file's name, with the problems themselves as <c>problems</c>.</summary>
    public static ValidationProblem Refused(IReadOnlyList<LocatedProblem> problems)
    {
        // The located problems go beside the field problems: FieldErrors owns "problems".
        var errors = new FieldErrors();
        foreach (var problem in problems)
            errors.Add(problem.File, Problem.Rule(problem.ToString()), problem.ToString());
        var details = errors.ToDetails();
        details.Title = "The preset has problems";
        details.Detail = $"{problems.Count} problem(s); nothing was changed.";
        details.Extensions[LocatedExtension] = problems;
        return TypedResults.ValidationProblem(details.Errors, details.Detail, title: details.Title, extensions: details.Extensions);
    }

    /// <summary>One problem of a preset file, with the line and column its path starts at when the text could be read.</summary>
    internal sealed record LocatedProblem(string File, string? Path, int? Line, int? Column, string Message)
    {
        public static LocatedProblem Of(PresetProblem problem, IReadOnlyDictionary<string, string> files)
        {
            var mark = problem.Path is { } path && files.TryGetValue(problem.File, out var text) ? YamlLocator.Mark(text, path) : null;
            return new LocatedProblem(problem.File, problem.Path, mark?.Line, mark?.Column, problem.Message);
        }

        public override string ToString()
        {
            var where = Line is { } line ? $" (line {line}, column {Column})" : "";
            return Path is null ? $"{File}: {Message}" : $"{File}: {Path}{where}: {Message}";
        }
    }
}
