using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.Audit;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Org;

/// <summary>
/// What every change of the org tree goes through: it is made on the version the admin read
/// (If-Match), checked as a whole preset by <see cref="PresetLoader"/>, and stored as a new rule
/// version that becomes current for new orders; orders accepted before keep theirs.
/// </summary>
internal static class OrgChanges
{
    public static string ETag(string ruleVersion) => $"\"{ruleVersion}\"";

    /// <summary>The rules in force, read again first: another node may have changed them a moment ago.</summary>
    public static async Task<LoadedPreset> CurrentAsync(Rulebooks rulebooks, CloseloopDb db, CancellationToken cancellationToken)
    {
        await rulebooks.RefreshAsync(db, cancellationToken);
        return rulebooks.CurrentPreset;
    }

    public static OrgDraft DraftOf(LoadedPreset preset) => OrgDraft.Read(preset.Files[PresetLoader.OrgFile]);

    /// <summary>Who makes the change (the signed-in person) and why; both are kept with the rule version it makes.</summary>
    public static (string? Actor, string? Reason) Who(FieldErrors errors, HttpContext http, Rulebooks rulebooks, string? reason) =>
        (http.Authority(rulebooks.Current).Person.UserName, errors.MaxLength("reason", errors.Required("reason", reason), 1000));

    /// <summary>Everyone signed in reads the tree (to dispatch, to see whose an order is); changing it takes the manageOrg right.</summary>
    public static ProblemHttpResult? MayChange(HttpContext http, Rulebooks rulebooks) =>
        http.Authority(rulebooks.Current).May(Right.ManageOrg) ? null : Refusals.Forbidden("Changing the org tree needs the manageOrg right.");

    /// <summary>
    /// The units of <paramref name="diff"/> outside the administrator's subtree: every unit changed,
    /// moved or removed, and the parent of every unit added or moved, must lie in it.
    /// </summary>
    public static IReadOnlyList<string> OutsideScope(OrgDiff diff, OrgDraft after, Authority authority) =>
    [
        .. diff.Removed.Concat(diff.Changed.Select(c => c.Code)).Concat(diff.Moved.Select(m => m.Code))
            .Concat(diff.Moved.Select(m => m.To ?? "(the root)"))
            .Concat(diff.Added.Select(code => after.Find(code)?.Parent ?? "(the root)"))
            .Where(code => !authority.Covers(code))
            .Distinct(),
    ];



    /// <summary>The preset of <paramref name="basis"/> with <paramref name="orgYaml"/> as its org tree, checked by every rule of the loader.</summary>
    public static (LoadedPreset? Next, IReadOnlyList<PresetProblem> Problems) Check(LoadedPreset basis, string orgYaml, Rulebooks rulebooks)
    {
        var files = new SortedDictionary<string, string>(basis.Files.ToDictionary(), StringComparer.Ordinal) { [PresetLoader.OrgFile] = orgYaml };
        try
        {
            return (PresetLoader.Parse(basis.Rulebook.Preset, files, name => name, rulebooks.KnownCalendars), []);
        }
        catch (PresetException e)
        {
            return (null, e.Problems.Count > 0 ? e.Problems : [new PresetProblem(PresetLoader.OrgFile, null, e.Message)]);
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> current when it changes anything and this is no dry run; null
    /// and a 412 when another change was stored since <paramref name="basis"/> was read.
    /// </summary>
    public static async Task<(OrgChanged? Answer, ProblemHttpResult? Stale)> StoreAsync(
        LoadedPreset basis,
        OrgDraft before,
        OrgDraft after,
        LoadedPreset next,
        (string Actor, string Reason) who,
        bool dryRun,
        Rulebooks rulebooks,
        CloseloopDb db,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var diff = OrgDiff.Between(before, after);
        var current = basis.Rulebook.RuleVersion;
        http.Response.Headers.ETag = ETag(current);
        var authority = http.Authority(basis.Rulebook);
        if (OutsideScope(diff, after, authority) is { Count: > 0 } outside)
            return (null, Refusals.Forbidden($"The change touches units outside your part of the organisation: {string.Join(", ", outside)}."));
        if (diff.IsEmpty || dryRun)
            return (new OrgChanged(current, false, diff, null), null);
        var now = clock.GetUtcNow();
        if (!await rulebooks.ChangeAsync(db, next, current, who.Actor, who.Reason, now, cancellationToken))
            return (null, RuleVersionMatch.Stale((await CurrentAsync(rulebooks, db, cancellationToken)).Rulebook.RuleVersion));
        await db.RecordNowAsync(
            authority.Person.UserName, authority.Person.Unit, "org.change", $"rules:{next.Rulebook.RuleVersion}", now,
            $"{who.Reason} — added [{string.Join(", ", diff.Added)}], removed [{string.Join(", ", diff.Removed)}], "
            + $"moved [{string.Join(", ", diff.Moved.Select(m => $"{m.Code}: {m.From} → {m.To}"))}], changed [{string.Join(", ", diff.Changed.Select(c => c.Code))}]",
            cancellationToken);
        http.Response.Headers.ETag = ETag(next.Rulebook.RuleVersion);
        return (new OrgChanged(next.Rulebook.RuleVersion, true, diff, null), null);
    }

    /// <summary>
    /// Checks and stores a change about one unit (<paramref name="code"/>); the answer shows the unit
    /// as it now is, unless it was removed. Bad input is a 400 naming the request's fields.
    /// </summary>
    public static async Task<(OrgChanged? Answer, ValidationProblem? Invalid, ProblemHttpResult? Stale)> ChangeUnitAsync(
        LoadedPreset current,
        OrgDraft before,
        OrgDraft after,
        string code,
        string? field,
        (string Actor, string Reason) who,
        Rulebooks rulebooks,
        CloseloopDb db,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var (document, paths) = after.ToDocument();
        var (next, problems) = Check(current, PresetLoader.WriteYaml(document), rulebooks);
        if (next is null)
            return (null, ToFieldErrors(problems, paths, code, field).ToProblem(), null);
        var (answer, stale) = await StoreAsync(current, before, after, next, who, dryRun: false, rulebooks, db, clock, http, cancellationToken);
        if (answer is null)
            return (null, null, stale);
        var rulebook = answer.Changed ? next.Rulebook : current.Rulebook;
        return (after.Find(code) is { } unit ? answer with { Unit = OrgUnitView.Of(rulebook, unit) } : answer, null, null);
    }

    /// <summary>
    /// Problems the loader found in org.yaml, as fields of a request about <paramref name="unitCode"/>:
    /// its own <c>units[1].children[0].rules.clocks.x.amount</c> is <c>clocks.x.amount</c>, and a
    /// problem it causes in another unit (a child's clock now looser than its own) names that unit.
    /// With <paramref name="field"/> every problem is that field's (a move's are the new parent's).
    /// </summary>
    public static FieldErrors ToFieldErrors(IReadOnlyList<PresetProblem> problems, IReadOnlyDictionary<string, string> pathByCode, string unitCode, string? field)
    {
        var errors = new FieldErrors();
        foreach (var problem in problems)
        {
            if (problem.File != PresetLoader.OrgFile || problem.Path is not { } path || UnitAt(path, pathByCode) is not { } unit)
            {
                Add(field ?? "body", problem.ToString());
                continue;
            }
            var rest = path.Length > unit.Path.Length ? path[(unit.Path.Length + 1)..] : "";
            rest = rest.StartsWith("rules.", StringComparison.Ordinal) ? rest["rules.".Length..] : rest;
            if (field is not null)
                Add(field, $"unit '{unit.Code}': {(rest.Length > 0 ? rest + ": " : "")}{problem.Message}");
            else if (unit.Code == unitCode)
                Add(rest.Length > 0 ? rest : "body", problem.Message);
            else
                Add(rest.Length > 0 ? rest : "body", $"unit '{unit.Code}': {problem.Message}");
        }
        return errors;

        // The loader words its problems in English only: the code says they break a rule and carries that wording.
        void Add(string at, string text) => errors.Add(at, Problem.Rule(text), text);
    }

    /// <summary>The unit whose part of org.yaml <paramref name="path"/> lies in: the deepest one whose path starts it.</summary>
    public static (string Code, string Path)? UnitAt(string path, IReadOnlyDictionary<string, string> pathByCode) =>
        pathByCode
            .Where(p => path == p.Value || path.StartsWith(p.Value + ".", StringComparison.Ordinal))
            .OrderByDescending(p => p.Value.Length)
            .Select(p => ((string, string)?)(p.Key, p.Value))
            .FirstOrDefault();
}
