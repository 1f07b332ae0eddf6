using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Closeloop.Clocks;
using Closeloop.Complaints;
using Closeloop.Presets;
using Closeloop.Routing;
using Closeloop.WorkOrders;

namespace Closeloop.Server.Presets;

/// <summary>
/// What a changed preset.yaml changes, in business terms (types and subtypes added or removed, clocks
/// whose limit or warning changed, roles and their rights, routing rules, …) and as a line diff of the file.
/// </summary>
internal sealed record PresetDiff(IReadOnlyList<PresetDiff.Change> Rules, IReadOnlyList<LineDiff.Line> Lines)
{
    [JsonIgnore]
    public bool IsEmpty => Rules.Count == 0 && Lines.Count == 0;

    public static PresetDiff Between(LoadedPreset before, LoadedPreset after) =>
        new(BusinessChanges(before, after), LineDiff.Between(before.Files[PresetLoader.PresetFile], after.Files[PresetLoader.PresetFile]));

    /// <summary>
    /// One change. <paramref name="Field"/> is <c>added</c> or <c>removed</c> for a whole thing, else
    /// what of it changed. A value that changed has <paramref name="Before"/> and <paramref name="After"/>;
    /// a list that changed has what was taken out (<paramref name="Removed"/>) and put in (<paramref name="Added"/>).
    /// </summary>
    /// <param name="Area"><c>preset</c>, <c>customerClass</c>, <c>type</c>, <c>subtype</c>, <c>grade</c>, <c>lifecycle</c>, <c>action</c>, <c>clock</c>, <c>role</c> or <c>routing</c>.</param>
    public sealed record Change(
        string Area, string Code, Label? Name, string Field,
        string? Before = null, string? After = null, IReadOnlyList<string>? Removed = null, IReadOnlyList<string>? Added = null);

    private static List<Change> BusinessChanges(LoadedPreset before, LoadedPreset after)
    {
        var (old, now) = (before.Rulebook, after.Rulebook);
        var changes = new List<Change>();
        Value(changes, "preset", "version", null, old.Version, now.Version);
        Value(changes, "preset", "name", null, Text(old.Name), Text(now.Name));
        Value(changes, "preset", "timeZone", null, old.TimeZone.Id, now.TimeZone.Id);
        Value(changes, "preset", "intakeUnit", null, old.IntakeUnit, now.IntakeUnit);
        // Defaults the rulebook folds into each unit's rules: compared as written.
        var (oldDocument, newDocument) = (PresetLoader.ReadPreset(before.Files[PresetLoader.PresetFile]), PresetLoader.ReadPreset(after.Files[PresetLoader.PresetFile]));
        Value(changes, "preset", "calendar", null, oldDocument?.Calendar ?? PresetLoader.DefaultCalendar, newDocument?.Calendar ?? PresetLoader.DefaultCalendar);
        Value(changes, "preset", "workOrders.numberFormat", null, oldDocument?.WorkOrders?.NumberFormat, newDocument?.WorkOrders?.NumberFormat);
        Value(changes, "preset", "workOrders.contentMaxLength", null, Number(oldDocument?.WorkOrders?.ContentMaxLength), Number(newDocument?.WorkOrders?.ContentMaxLength));

        Labels(changes, "customerClass", old.CustomerClasses, now.CustomerClasses);
        Labels(changes, "action", old.Actions, now.Actions);
        Compare(changes, "type", old.Types.Values, now.Types.Values, t => t.Code, t => t.Label, (t, u) =>
        {
            var found = new List<Change>();
            Value(found, "type", "name", t.Code, Text(t.Label), Text(u.Label));
            Value(found, "type", "lifecycle", t.Code, t.Lifecycle, u.Lifecycle);
            Labels(found, "subtype", t.Subtypes, u.Subtypes, $"{t.Code}.");
            Labels(found, "grade", t.Grades, u.Grades, $"{t.Code}.");
            List(found, "type", "findings", t.Code, u.Label, t.Findings.Select(Finding), u.Findings.Select(Finding));
            foreach (var subtype in u.Subtypes.Where(s => t.HasSubtype(s.Code)))
                Value(found, "subtype", "lifecycle", $"{t.Code}.{subtype.Code}", t.SubtypeLifecycles.GetValueOrDefault(subtype.Code), u.SubtypeLifecycles.GetValueOrDefault(subtype.Code));
            return found;
        });
        Compare(changes, "lifecycle", old.Lifecycles.Values, now.Lifecycles.Values, l => l.Name, _ => null, (l, m) =>
        {
            var found = new List<Change>();
            Value(found, "lifecycle", "initial", l.Name, l.Initial, m.Initial);
            List(found, "lifecycle", "final", l.Name, null, l.Final, m.Final);
            List(found, "lifecycle", "statuses", l.Name, null, l.Statuses.Select(s => $"{s.Code} ({Text(s.Label)})"), m.Statuses.Select(s => $"{s.Code} ({Text(s.Label)})"));
            List(found, "lifecycle", "transitions", l.Name, null, l.Transitions.Select(Transition), m.Transitions.Select(Transition));
            return found;
        });
        Compare(changes, "clock", old.Clocks, now.Clocks, c => c.Code, c => c.Label, (c, d) =>
        {
            var found = new List<Change>();
            Value(found, "clock", "name", c.Code, Text(c.Label), Text(d.Label), d.Label);
            Value(found, "clock", "limit", c.Code, Limit(c.Limit), Limit(d.Limit), d.Label);
            Value(found, "clock", "warning", c.Code, Warning(c.Warning), Warning(d.Warning), d.Label);
            List(found, "clock", "breach", c.Code, d.Label, Flags(c.Breach), Flags(d.Breach));
            List(found, "clock", "types", c.Code, d.Label, c.Types, d.Types);
            List(found, "clock", "subtypes", c.Code, d.Label, c.Subtypes, d.Subtypes);
            Value(found, "clock", "start", c.Code, Start(c), Start(d), d.Label);
            List(found, "clock", "stop", c.Code, d.Label, c.Stop.Select(s => s + To(c.StopTo)), d.Stop.Select(s => s + To(d.StopTo)));
            List(found, "clock", "pause", c.Code, d.Label, c.Pause, d.Pause);
            List(found, "clock", "resume", c.Code, d.Label, c.Resume, d.Resume);
            return found;
        });
        Compare(changes, "role", old.Roles.Values, now.Roles.Values, r => r.Code, r => r.Label, (r, s) =>
        {
            var found = new List<Change>();
            Value(found, "role", "name", r.Code, Text(r.Label), Text(s.Label), s.Label);
            List(found, "role", "rights", r.Code, s.Label, r.Rights.Select(Camel), s.Rights.Select(Camel));
            List(found, "role", "actions", r.Code, s.Label, r.Actions, s.Actions);
            return found;
        });
        // A rule with `units` stands for one rule per unit, all with its code: compared as a group.
        Compare(changes, "routing", old.Routing.Rules.GroupBy(r => r.Code), now.Routing.Rules.GroupBy(r => r.Code), g => g.Key, g => g.First().Label, (g, h) =>
        {
            var found = new List<Change>();
            var label = h.First().Label;
            Value(found, "routing", "name", g.Key, Text(g.First().Label), Text(label), label);
            List(found, "routing", "rules", g.Key, label, g.Select(Routing), h.Select(Routing));
            return found;
        });
        return changes;
    }

    // Things keyed by code: added, removed, and what changed in the ones both have.
    private static void Compare<T>(
        List<Change> changes, string area, IEnumerable<T> before, IEnumerable<T> after, Func<T, string> code, Func<T, Label?> name, Func<T, T, List<Change>> changed)
    {
        var old = before.ToDictionary(code);
        var now = after.ToDictionary(code);
        foreach (var item in after.Where(i => !old.ContainsKey(code(i))))
            changes.Add(new Change(area, code(item), name(item), "added"));
        foreach (var item in before.Where(i => !now.ContainsKey(code(i))))
            changes.Add(new Change(area, code(item), name(item), "removed"));
        foreach (var item in after.Where(i => old.ContainsKey(code(i))))
            changes.AddRange(changed(old[code(item)], item));
    }

    private static void Labels(List<Change> changes, string area, IEnumerable<CodedLabel> before, IEnumerable<CodedLabel> after, string prefix = "") =>
        Compare(changes, area, before, after, l => prefix + l.Code, l => l.Label, (l, m) =>
        {
            var found = new List<Change>();
            Value(found, area, "name", prefix + l.Code, Text(l.Label), Text(m.Label), m.Label);
            return found;
        });

    private static void Value(List<Change> changes, string area, string field, string? code, string? before, string? after, Label? name = null)
    {
        if (before != after)
            changes.Add(new Change(area, code ?? "", name, field, before, after));
    }

    private static void List(List<Change> changes, string area, string field, string code, Label? name, IEnumerable<string> before, IEnumerable<string> after)
    {
        var (old, now) = (before.ToList(), after.ToList());
        List<string> removed = [.. old.Except(now)], added = [.. now.Except(old)];
        if (removed.Count > 0 || added.Count > 0)
            changes.Add(new Change(area, code, name, field, Removed: removed, Added: added));
    }

    private static string Text(Label label) => $"{label.Zh} / {label.En}";

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary><c>4 workingDays</c>, or <c>3 workingDays by customerClass (resident 3, highVoltage 15)</c>.</summary>
    private static string Limit(ClockLimit limit)
    {
        var text = $"{limit.Amount} {Camel(limit.Unit)}";
        if (limit.By is { } by)
            text += $" by {Camel(by)} ({string.Join(", ", limit.Amounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"))})";
        return text;
    }

    private static string? Warning(ClockWarning? warning) => warning switch
    {
        null => null,
        { Percent: { } percent } => $"at {percent}%",
        { Before: { } units } => $"{units} before due",
        _ => null,
    };

    private static IEnumerable<string> Flags(BreachActions actions) =>
        Enum.GetValues<BreachActions>().Where(a => a != BreachActions.None && actions.HasFlag(a)).Select(Camel);

    /// <summary><c>at sgcc-csc, types [consultation] → js-csc</c>.</summary>
    private static string Routing(RoutingRule rule)
    {
        var parts = new List<string>();
        if (rule.At is { } at)
            parts.Add($"at {at}");
        foreach (var (name, list) in new[] { ("types", rule.Types), ("subtypes", rule.Subtypes), ("customerClasses", rule.CustomerClasses), ("areaCodes", rule.AreaCodes.Select(a => a.ToString()).ToList()) })
        {
            if (list.Count > 0)
                parts.Add($"{name} [{string.Join(", ", list)}]");
        }
        return $"{string.Join(", ", parts)} → {rule.Unit}".TrimStart();
    }

    private static string Start(ClockPolicy clock) => clock.Start + (clock.StartTo is { } to ? $" → {to}" : "") + (clock.StartsAtOccurrence ? " (occurredAt)" : "");

    private static string To(IReadOnlyList<string>? statuses) => statuses is { Count: > 0 } ? $" → {string.Join("|", statuses)}" : "";

    private static string Transition(Transition t) => $"{t.Action}: {t.From} → {t.To}" + (t.Needs != ActionNeeds.None ? $" needs {string.Join(",", Needs(t.Needs))}" : "")
        + (t.PassUp is { } up ? $" passUp {up}" : "") + (t.ToSender ? " toSender" : "") + (t.BackDown ? " backDown" : "") + (t.WithinReach ? " withinSubtree" : "")
        + (t.ByFinding ? " byFinding" : "") + (t.Window is { } window ? $" window {window.Amount} {Camel(window.Unit)}" : "") + (t.SendTo is { } to ? $" sendTo {to}" : "");

    private static string Finding(ResponsibilityFinding f) => $"{f.Code} ({Text(f.Label)}){(f.Responsible ? " responsible" : "")}";

    private static IEnumerable<string> Needs(ActionNeeds needs) =>
        Enum.GetValues<ActionNeeds>().Where(n => n != ActionNeeds.None && needs.HasFlag(n)).Select(Camel);
}
