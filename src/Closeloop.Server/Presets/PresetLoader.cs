using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Complaints;
using Closeloop.Org;
using Closeloop.People;
using Closeloop.Presets;
using Closeloop.Routing;
using Closeloop.WorkOrders;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;

namespace Closeloop.Server.Presets;

/// <summary>
/// Reads a preset folder (docs/PRESETS.md) and checks every rule before anything runs on it. All
/// problems are reported at once, each as <c>file: path: problem</c>.
/// </summary>
public static partial class PresetLoader
{
    public const string PresetFile = "preset.yaml";
    public const string OrgFile = "org.yaml";

    /// <summary>The calendar of a preset that names none: mainland China's.</summary>
    public const string DefaultCalendar = "cn";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Loads <paramref name="preset"/> from <paramref name="presetsRoot"/>.</summary>
    /// <exception cref="PresetException">A file is missing, unreadable or breaks a rule.</exception>
    /// <param name="knownCalendars">The calendars a preset may name; unchecked when null.</param>
    public static LoadedPreset Load(string presetsRoot, string preset, IReadOnlyCollection<string>? knownCalendars = null)
    {
        var folder = Path.Combine(presetsRoot, preset);
        if (!Directory.Exists(folder))
        {
            var known = Directory.Exists(presetsRoot)
                ? string.Join(", ", Directory.GetDirectories(presetsRoot).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(presetsRoot, n!, PresetFile))))
                : "none";
            throw new PresetException($"{folder}: no such preset (known in {presetsRoot}: {known})");
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { PresetFile, OrgFile })
        {
            var path = Path.Combine(folder, name);
            files[name] = File.Exists(path) ? File.ReadAllText(path) : throw new PresetException($"{Display(presetsRoot, preset, name)}: file missing");
        }
        return Parse(preset, files, name => Display(presetsRoot, preset, name), knownCalendars);
    }

    /// <summary>Checks preset texts given by file name (<see cref="PresetFile"/>, <see cref="OrgFile"/>).</summary>
    /// <exception cref="PresetException">A text breaks a rule.</exception>
    public static LoadedPreset Parse(
        string preset, IReadOnlyDictionary<string, string> files, Func<string, string>? displayName = null, IReadOnlyCollection<string>? knownCalendars = null)
    {
        displayName ??= name => $"presets/{preset}/{name}";
        var problems = new Problems();
        var document = Deserialize<PresetDocument>(files, PresetFile, displayName, problems);
        var org = Deserialize<OrgDocument>(files, OrgFile, displayName, problems);
        if (document is null || org is null)
            throw problems.ToException();

        var rulebook = new Builder(preset, ContentHash(files), problems.In(displayName(PresetFile)), problems.In(displayName(OrgFile)), knownCalendars)
            .Build(document, org);
        if (rulebook is null || problems.Any)
            throw problems.ToException();
        return new LoadedPreset(rulebook, files);
    }

    private static readonly ISerializer YamlWriter = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithQuotingNecessaryStrings()
        .WithIndentedSequences()
        .WithEventEmitter(next => new FlowStyle(next))
        .DisableAliases()
        .Build();

    /// <summary>Reads the org tree of an org.yaml text, without checking it against a preset.</summary>
    /// <exception cref="PresetException">The text is not YAML of the org.yaml shape; the problem names the line and column.</exception>
    internal static OrgDocument ReadOrg(string text)
    {
        var problems = new Problems();
        return Deserialize<OrgDocument>(new Dictionary<string, string> { [OrgFile] = text }, OrgFile, name => name, problems) ?? throw problems.ToException();
    }

    /// <summary>Reads a preset.yaml text without checking it, to compare parts the rulebook does not keep; null when it is not of that shape.</summary>
    internal static PresetDocument? ReadPreset(string text)
    {
        try
        {
            return Yaml.Deserialize<PresetDocument>(text);
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>Writes a preset document (an org tree, a unit's rules) as YAML in the shape the loader reads.</summary>
    internal static string WriteYaml(object document) => YamlWriter.Serialize(document);

    private static T? Deserialize<T>(IReadOnlyDictionary<string, string> files, string name, Func<string, string> displayName, Problems problems)
        where T : class
    {
        if (!files.TryGetValue(name, out var text))
        {
            problems.Add(new PresetProblem(displayName(name), null, "file missing"));
            return null;
        }
        try
        {
            if (Yaml.Deserialize<T>(text) is { } document)
                return document;
            problems.Add(new PresetProblem(displayName(name), null, "the file is empty"));
            return null;
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is YamlException deeper ? deeper.Message : e.InnerException?.Message;
            problems.Add(new PresetProblem(displayName(name), null, $"line {e.Start.Line}, column {e.Start.Column}: {Describe(inner ?? e.Message)}"));
            return null;
        }
    }

    private static string Describe(string parserMessage)
    {
        var unknownKey = UnknownPropertyRegex().Match(parserMessage);
        return unknownKey.Success ? $"unknown key '{unknownKey.Groups[1].Value}'" : parserMessage;
    }

    private static string ContentHash(IReadOnlyDictionary<string, string> files)
    {
        var all = string.Concat(files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}\n{f.Value}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all)));
    }

    private static string Display(string root, string preset, string name)
    {
        var path = Path.Combine(root, preset, name);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    // Names, office periods, clock limits and code lists on one line each, as people write org.yaml.
    private sealed class FlowStyle(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(MappingStartEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Type == typeof(LabelDocument) || eventInfo.Source.Type == typeof(Calendar.OfficePeriodDocument) || eventInfo.Source.Type == typeof(ClockLimitDocument))
                eventInfo.Style = YamlDotNet.Core.Events.MappingStyle.Flow;
            base.Emit(eventInfo, emitter);
        }

        public override void Emit(SequenceStartEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Type == typeof(List<string>))
                eventInfo.Style = YamlDotNet.Core.Events.SequenceStyle.Flow;
            base.Emit(eventInfo, emitter);
        }
    }

    [GeneratedRegex("Property '([^']+)' not found")]
    private static partial Regex UnknownPropertyRegex();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]*$")]
    internal static partial Regex CodeRegex();

    [GeneratedRegex(@"^\d{6}$")]
    internal static partial Regex AreaCodeRegex();

    private sealed class Problems
    {
        private readonly List<PresetProblem> _problems = [];

        public bool Any => _problems.Count > 0;

        public void Add(PresetProblem problem) => _problems.Add(problem);

        public Reporter In(string file) => new(this, file);

        public PresetException ToException() => new(_problems);
    }

    private sealed class Reporter(Problems problems, string file)
    {
        public int Count { get; private set; }

        public void Add(string path, string problem)
        {
            Count++;
            problems.Add(new PresetProblem(file, path, problem));
        }
    }

    private sealed class Builder(string preset, string contentHash, Reporter presetFile, Reporter orgFile, IReadOnlyCollection<string>? knownCalendars)
    {
        private readonly Dictionary<string, Lifecycle> _lifecycles = [];
        private readonly Dictionary<string, BusinessType> _types = [];
        private readonly List<OrgUnit> _units = [];
        private readonly Dictionary<string, RuleOverrides> _overrides = [];
        private readonly Dictionary<string, ClockPolicy> _clocks = [];

        // Where each unit sits in org.yaml, for problems found after the tree is built.
        private readonly Dictionary<string, string> _unitPaths = [];

        // Where each transition that sends an order to a named unit sits, checked once the tree is built.
        private readonly List<(string Path, string Unit)> _sendTo = [];
        private IReadOnlyList<CodedLabel> _customerClasses = [];

        public Rulebook? Build(PresetDocument document, OrgDocument org)
        {
            if (document.Preset != preset)
                presetFile.Add("preset", $"must be '{preset}', the folder's name (is '{document.Preset}')");
            var version = Required(presetFile, "version", document.Version);
            var name = Label(presetFile, "name", document.Name);
            var timeZone = TimeZone(document.TimeZone);
            var defaults = Settings(presetFile, "workOrders", document.WorkOrders, required: true) is { } settings
                ? settings with { Calendar = Calendar(presetFile, "calendar", document.Calendar ?? DefaultCalendar) }
                : null;
            var customerClasses = CodedLabels(presetFile, "customerClasses", document.CustomerClasses);
            var actions = CodedLabels(presetFile, "actions", document.Actions);
            Lifecycles(document.Lifecycles, actions.Select(a => a.Code).ToHashSet());
            Types(document.Types);
            Clocks(document.Clocks, actions.Select(a => a.Code).ToHashSet(), customerClasses);
            var roles = Roles(document.Roles, actions.Select(a => a.Code).ToHashSet());
            if (org.Units is null or { Count: 0 })
                orgFile.Add("units", "at least one unit is required");
            else
                Units(org.Units, "units", null);

            OrgTree? tree = null;
            // A unit skipped for a problem would leave its children orphaned: build the tree only from a clean file.
            if (_units.Count > 0 && orgFile.Count == 0)
                tree = new OrgTree(_units);
            var intakeUnit = Required(presetFile, "intakeUnit", document.IntakeUnit);
            if (tree is not null && intakeUnit is not null && !tree.Contains(intakeUnit))
                presetFile.Add("intakeUnit", $"unknown org unit '{intakeUnit}'");
            if (tree is not null)
            {
                CheckTightening(tree);
                foreach (var (path, unit) in _sendTo.Where(s => !tree.Contains(s.Unit)))
                    presetFile.Add(path, $"unknown org unit '{unit}'");
            }
            var routing = tree is null ? null : Routing(document.Routing, tree, customerClasses);
            var grading = Grading(document.Grading, customerClasses);

            if (version is null || name is null || timeZone is null || defaults is null || tree is null || intakeUnit is null)
                return null;
            return new Rulebook(
                preset, version, contentHash, name, timeZone, intakeUnit, customerClasses, [.. _types.Values],
                _lifecycles, actions, [.. _clocks.Values], roles, tree, defaults, _overrides, routing, grading);
        }

        private string? Calendar(Reporter file, string path, string? calendar)
        {
            if (calendar is null || knownCalendars is null || knownCalendars.Contains(calendar))
                return calendar;
            file.Add(path, $"unknown calendar '{calendar}' (known: {string.Join(", ", knownCalendars)})");
            return null;
        }

        private TimeZoneInfo? TimeZone(string? id)
        {
            if (Required(presetFile, "timeZone", id) is not { } zone)
                return null;
            if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info))
                return info;
            presetFile.Add("timeZone", $"unknown time zone '{zone}' (an IANA id such as Asia/Shanghai)");
            return null;
        }

        private static RuleOverrides? Settings(Reporter file, string path, WorkOrderSettingsDocument? settings, bool required)
        {
            if (settings is null)
            {
                if (required)
                    file.Add(path, "required");
                return required ? null : RuleOverrides.None;
            }
            var ok = true;
            if (settings.NumberFormat is not null)
            {
                try
                {
                    WorkOrderNumberFormat.Parse(settings.NumberFormat);
                }
                catch (FormatException e)
                {
                    file.Add($"{path}.numberFormat", e.Message);
                    ok = false;
                }
            }
            else if (required)
            {
                file.Add($"{path}.numberFormat", "required");
                ok = false;
            }
            if (settings.ContentMaxLength is < 1 or > 100_000)
            {
                file.Add($"{path}.contentMaxLength", "must be between 1 and 100000");
                ok = false;
            }
            else if (settings.ContentMaxLength is null && required)
            {
                file.Add($"{path}.contentMaxLength", "required");
                ok = false;
            }
            return ok ? new RuleOverrides(settings.NumberFormat, settings.ContentMaxLength) : null;
        }

        private void Lifecycles(Dictionary<string, LifecycleDocument>? lifecycles, HashSet<string> actions)
        {
            if (lifecycles is null or { Count: 0 })
            {
                presetFile.Add("lifecycles", "at least one lifecycle is required");
                return;
            }
            foreach (var (key, lifecycle) in lifecycles)
            {
                var path = $"lifecycles.{key}";
                var statuses = CodedLabels(presetFile, $"{path}.statuses", lifecycle.Statuses);
                var known = statuses.Select(s => s.Code).ToHashSet();
                var ok = Status(path + ".initial", lifecycle.Initial, known);
                var final = lifecycle.Final ?? [];
                for (var i = 0; i < final.Count; i++)
                    ok &= Status($"{path}.final[{i}]", final[i], known);

                var transitions = new List<Transition>();
                var rows = lifecycle.Transitions ?? [];
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    var at = $"{path}.transitions[{i}]";
                    if (Required(presetFile, $"{at}.action", row.Action) is not { } action)
                    {
                        ok = false;
                        continue;
                    }
                    if (!actions.Contains(action))
                    {
                        presetFile.Add($"{at}.action", $"'{action}' has no label in 'actions'");
                        ok = false;
                    }
                    ok &= Status($"{at}.from", row.From, known) & Status($"{at}.to", row.To, known);
                    var window = row.Window is null ? null : Window($"{at}.window", row.Window);
                    if (row.From is not null && final.Contains(row.From) && row.Window is null)
                    {
                        presetFile.Add($"{at}.from", $"'{row.From}' is final: only a step with a window (e.g. an appeal's) may leave it");
                        ok = false;
                    }
                    else if (row.From is not null && !final.Contains(row.From) && row.Window is not null)
                    {
                        presetFile.Add($"{at}.window", $"'{row.From}' is not final: a window is for a step that reopens a closed order");
                        ok = false;
                    }
                    ok &= row.Window is null || window is not null;
                    if (transitions.Any(t => t.Action == action && t.From == row.From))
                    {
                        presetFile.Add(at, $"'{action}' from '{row.From}' appears twice");
                        ok = false;
                    }
                    var needs = ActionNeeds.None;
                    var needList = row.Needs ?? [];
                    for (var n = 0; n < needList.Count; n++)
                    {
                        if (Enum.TryParse<ActionNeeds>(needList[n], ignoreCase: true, out var need) && need != ActionNeeds.None)
                            needs |= need;
                        else
                        {
                            presetFile.Add($"{at}.needs[{n}]", $"unknown need '{needList[n]}' (known: unit, reason, comment, grade, occurredAt, assignee, finding)");
                            ok = false;
                        }
                    }
                    var moves = new[] { (row.ToSender, "toSender"), (needs.HasFlag(ActionNeeds.Unit), "needs: [unit]"), (row.PassUp is not null, "passUp"), (row.BackDown, "backDown"), (row.SendTo is not null, "sendTo") }
                        .Where(m => m.Item1).Select(m => m.Item2).ToList();
                    if (moves.Count > 1)
                    {
                        presetFile.Add(at, $"an action moves the order one way only; this row has {string.Join(" and ", moves)}");
                        ok = false;
                    }
                    if (row.PassUp is not null)
                        ok &= Status($"{at}.passUp", row.PassUp, known);
                    if (row.WithinSubtree && !needs.HasFlag(ActionNeeds.Unit))
                    {
                        presetFile.Add($"{at}.withinSubtree", "only an action that needs a unit can keep it within the subtree");
                        ok = false;
                    }
                    if (row.SendTo is not null)
                        _sendTo.Add(($"{at}.sendTo", row.SendTo));
                    transitions.Add(new Transition(
                        action, row.From ?? "", row.To ?? "", needs, row.ToSender, row.PassUp, row.BackDown, row.WithinSubtree, row.ByFinding, window, row.SendTo));
                }
                if (ok)
                    _lifecycles[key] = new Lifecycle(key, lifecycle.Initial!, final, statuses, transitions);
            }
        }

        // How long a closed order may be reopened: an amount and a unit, counted from its closing.
        private Period? Window(string path, ClockLimitDocument document)
        {
            if (document.By is not null || document.Amounts is not null)
            {
                presetFile.Add(path, "a window is one amount and a unit; it is not keyed by anything");
                return null;
            }
            var unit = Unit(presetFile, $"{path}.unit", document.Unit);
            if (document.Amount is not { } amount || amount < 1 || amount > Period.MaxAmount)
            {
                presetFile.Add($"{path}.amount", document.Amount is null ? "required" : $"must be 1 to {Period.MaxAmount}");
                return null;
            }
            return unit is { } known ? new Period(amount, known) : null;
        }

        private static DeadlineUnit? Unit(Reporter file, string path, string? text)
        {
            if (Required(file, path, text) is not { } unitText)
                return null;
            if (Enum.TryParse<DeadlineUnit>(unitText, ignoreCase: true, out var unit) && !int.TryParse(unitText, out _))
                return unit;
            file.Add(path, $"unknown unit '{unitText}' (known: minutes, hours, naturalDays, workingDays, workingHours)");
            return null;
        }

        private bool Status(string path, string? status, HashSet<string> known)
        {
            if (Required(presetFile, path, status) is not { } code)
                return false;
            if (known.Contains(code))
                return true;
            presetFile.Add(path, $"unknown status '{code}' (known: {string.Join(", ", known)})");
            return false;
        }

        private void Types(List<BusinessTypeDocument>? types)
        {
            if (types is null or { Count: 0 })
            {
                presetFile.Add("types", "at least one business type is required");
                return;
            }
            for (var i = 0; i < types.Count; i++)
            {
                var type = types[i];
                var path = $"types[{i}]";
                var label = Coded(presetFile, path, new CodedLabelDocument { Code = type.Code, Zh = type.Zh, En = type.En });
                var lifecycle = Required(presetFile, $"{path}.lifecycle", type.Lifecycle);
                if (lifecycle is not null && !_lifecycles.ContainsKey(lifecycle))
                {
                    presetFile.Add($"{path}.lifecycle", $"unknown lifecycle '{lifecycle}' (known: {string.Join(", ", _lifecycles.Keys)})");
                    lifecycle = null;
                }
                var subtypeDocuments = type.Subtypes ?? [];
                var subtypes = CodedLabels(
                    presetFile, $"{path}.subtypes", [.. subtypeDocuments.Select(d => new CodedLabelDocument { Code = d.Code, Zh = d.Zh, En = d.En })]);
                var subtypeLifecycles = new Dictionary<string, string>();
                for (var s = 0; s < subtypeDocuments.Count; s++)
                {
                    if (subtypeDocuments[s] is not { Code: { } subtype, Lifecycle: { } own })
                        continue;
                    if (_lifecycles.ContainsKey(own))
                        subtypeLifecycles[subtype] = own;
                    else
                        presetFile.Add($"{path}.subtypes[{s}].lifecycle", $"unknown lifecycle '{own}' (known: {string.Join(", ", _lifecycles.Keys)})");
                }
                var grades = CodedLabels(presetFile, $"{path}.grades", type.Grades);
                var findings = Findings(presetFile, $"{path}.findings", type.Findings);
                var judging = subtypeLifecycles.Values.Append(lifecycle).FirstOrDefault(l => l is not null && _lifecycles[l].Judges);
                if (judging is not null && findings.Count == 0)
                    presetFile.Add($"{path}.findings", $"lifecycle '{judging}' records responsibility findings: list the findings its judges may record");
                if (label is null || lifecycle is null)
                    continue;
                if (!_types.TryAdd(label.Code, new BusinessType(label.Code, label.Label, lifecycle, subtypes, grades, subtypeLifecycles, findings)))
                    presetFile.Add($"{path}.code", $"'{label.Code}' appears twice");
            }
        }

        private static List<ResponsibilityFinding> Findings(Reporter file, string path, List<FindingDocument>? items)
        {
            var labels = CodedLabels(file, path, items?.Select(f => new CodedLabelDocument { Code = f.Code, Zh = f.Zh, En = f.En }).ToList());
            var findings = labels.Select(l => new ResponsibilityFinding(l.Code, l.Label, items!.First(f => f.Code == l.Code).Responsible)).ToList();
            if (findings.Count > 0 && !findings.Any(f => f.Responsible))
                file.Add(path, "at least one finding must hold a unit responsible (responsible: true)");
            return findings;
        }

        private void Units(List<OrgUnitDocument> units, string path, string? parent)
        {
            for (var i = 0; i < units.Count; i++)
            {
                var unit = units[i];
                var at = $"{path}[{i}]";
                var code = Required(orgFile, $"{at}.code", unit.Code);
                if (code is not null && !CodeRegex().IsMatch(code))
                {
                    orgFile.Add($"{at}.code", $"'{code}' must be letters, digits and dashes, starting with a letter");
                    code = null;
                }
                if (code is not null && _units.Any(u => u.Code == code))
                {
                    orgFile.Add($"{at}.code", $"'{code}' appears twice");
                    code = null;
                }
                OrgUnitKind? kind = null;
                if (Required(orgFile, $"{at}.kind", unit.Kind) is { } kindText)
                {
                    if (Enum.TryParse<OrgUnitKind>(kindText, ignoreCase: true, out var parsed) && !int.TryParse(kindText, out _))
                        kind = parsed;
                    else
                        orgFile.Add($"{at}.kind", $"unknown kind '{kindText}' (known: {string.Join(", ", Enum.GetNames<OrgUnitKind>().Select(JsonNaming))})");
                }
                var name = Label(orgFile, $"{at}.name", unit.Name);
                var areaCodes = unit.AreaCodes ?? [];
                for (var a = 0; a < areaCodes.Count; a++)
                {
                    if (!AreaCodeRegex().IsMatch(areaCodes[a]))
                        orgFile.Add($"{at}.areaCodes[{a}]", $"'{areaCodes[a]}' is not a 6-digit area code");
                }
                if (code is not null && kind is not null && name is not null)
                {
                    _units.Add(new OrgUnit(code, parent, kind.Value, name, areaCodes));
                    _unitPaths[code] = at;
                    if (unit.Rules is not null && Overrides($"{at}.rules", unit.Rules) is { } overrides)
                        _overrides[code] = overrides;
                }
                if (unit.Children is not null && code is not null)
                    Units(unit.Children, $"{at}.children", code);
            }
        }

        private RuleOverrides? Overrides(string path, RulesDocument rules)
        {
            var settings = Settings(orgFile, $"{path}.workOrders", rules.WorkOrders, required: false);
            var lifecycles = new Dictionary<string, string>();
            foreach (var (type, rule) in rules.Types ?? [])
            {
                if (!_types.ContainsKey(type))
                    orgFile.Add($"{path}.types.{type}", $"unknown business type '{type}'");
                else if (rule.Lifecycle is not null && !_lifecycles.ContainsKey(rule.Lifecycle))
                    orgFile.Add($"{path}.types.{type}.lifecycle", $"unknown lifecycle '{rule.Lifecycle}'");
                else if (rule.Lifecycle is not null && _lifecycles[rule.Lifecycle].Judges && _types[type].Findings.Count == 0)
                    orgFile.Add($"{path}.types.{type}.lifecycle", $"lifecycle '{rule.Lifecycle}' records responsibility findings, and '{type}' lists none");
                else if (rule.Lifecycle is not null)
                    lifecycles[type] = rule.Lifecycle;
            }
            var officeHours = rules.OfficeHours is null
                ? null
                : Server.Calendar.CalendarLoader.OfficeHoursOf(rules.OfficeHours, $"{path}.officeHours", orgFile.Add);
            var clockLimits = new Dictionary<string, ClockLimit>();
            foreach (var (code, limit) in rules.Clocks ?? [])
            {
                if (!_clocks.TryGetValue(code, out var policy))
                    orgFile.Add($"{path}.clocks.{code}", $"unknown clock '{code}' (known: {string.Join(", ", _clocks.Keys)})");
                else if (Limit(orgFile, $"{path}.clocks.{code}", limit, policy.Limit, policy.Types) is { } own)
                    clockLimits[code] = own;
            }
            return settings is null ? null : settings with
            {
                TypeLifecycles = lifecycles,
                Calendar = Calendar(orgFile, $"{path}.calendar", rules.Calendar),
                OfficeHours = officeHours,
                ClockLimits = clockLimits,
            };
        }

        private void Clocks(List<ClockDocument>? clocks, HashSet<string> actions, IReadOnlyList<CodedLabel> customerClasses)
        {
            _customerClasses = customerClasses;
            for (var i = 0; i < (clocks?.Count ?? 0); i++)
            {
                var clock = clocks![i];
                var path = $"clocks[{i}]";
                var label = Coded(presetFile, path, new CodedLabelDocument { Code = clock.Code, Zh = clock.Zh, En = clock.En });
                var types = clock.Types ?? [];
                var ok = true;
                for (var t = 0; t < types.Count; t++)
                {
                    if (!_types.ContainsKey(types[t]))
                    {
                        presetFile.Add($"{path}.types[{t}]", $"unknown business type '{types[t]}'");
                        ok = false;
                    }
                }
                var subtypes = clock.Subtypes ?? [];
                for (var t = 0; t < subtypes.Count; t++)
                {
                    if (!types.Any(type => _types.TryGetValue(type, out var known) && known.HasSubtype(subtypes[t])))
                    {
                        presetFile.Add($"{path}.subtypes[{t}]", $"'{subtypes[t]}' is not a subtype of {string.Join(", ", types)}");
                        ok = false;
                    }
                }
                var start = Required(presetFile, $"{path}.start", clock.Start);
                ok &= start is not null && ClockAction(presetFile, $"{path}.start", start, actions, WorkOrderEvent.Accept);
                if (start is not null && ok && types.Count > 0 && !types.Any(type => Flows(type).Any(l => start == WorkOrderEvent.Accept || l.Transitions.Any(r => r.Action == start))))
                {
                    presetFile.Add($"{path}.start", $"no lifecycle of {string.Join(", ", types)} has the action '{start}'");
                    ok = false;
                }
                if (clock.StartTo is not null && start is not null && ok && !ClockStatus(types, start, clock.StartTo))
                {
                    presetFile.Add($"{path}.startTo", $"no transition of '{start}' leads to '{clock.StartTo}'");
                    ok = false;
                }
                var stopTo = clock.StopTo ?? [];
                for (var s = 0; s < stopTo.Count; s++)
                {
                    if (!(clock.Stop ?? []).Any(stop => ClockStatus(types, stop, stopTo[s])))
                    {
                        presetFile.Add($"{path}.stopTo[{s}]", $"no transition of {string.Join(", ", clock.Stop ?? [])} leads to '{stopTo[s]}'");
                        ok = false;
                    }
                }
                var startsAtOccurrence = false;
                if (clock.StartAt is not (null or "recorded"))
                {
                    startsAtOccurrence = clock.StartAt == "occurredAt";
                    if (!startsAtOccurrence)
                    {
                        presetFile.Add($"{path}.startAt", $"unknown start '{clock.StartAt}' (known: recorded, occurredAt)");
                        ok = false;
                    }
                }
                if (clock.Stop is null or { Count: 0 })
                {
                    presetFile.Add($"{path}.stop", "at least one action that stops the clock is required");
                    ok = false;
                }
                ok &= ClockActions(presetFile, $"{path}.stop", clock.Stop, actions);
                ok &= ClockActions(presetFile, $"{path}.pause", clock.Pause, actions) & ClockActions(presetFile, $"{path}.resume", clock.Resume, actions);
                if ((clock.Pause is { Count: > 0 }) != (clock.Resume is { Count: > 0 }))
                {
                    presetFile.Add(path, "a clock that pauses needs an action that resumes it, and the other way round");
                    ok = false;
                }
                var limit = Limit(presetFile, $"{path}.limit", clock.Limit, null, types);
                var warning = Warning(presetFile, $"{path}.warn", clock.Warn, limit);
                var breach = BreachActions.None;
                var breachList = clock.Breach ?? [];
                for (var b = 0; b < breachList.Count; b++)
                {
                    if (Enum.TryParse<BreachActions>(breachList[b], ignoreCase: true, out var action) && action != BreachActions.None && !int.TryParse(breachList[b], out _))
                        breach |= action;
                    else
                    {
                        presetFile.Add($"{path}.breach[{b}]", $"unknown breach action '{breachList[b]}' (known: flag, escalate, notify)");
                        ok = false;
                    }
                }
                if (!ok || label is null || limit is null || (clock.Warn is not null && warning is null))
                    continue;
                var policy = new ClockPolicy(
                    label.Code, label.Label, types, subtypes, start!, startsAtOccurrence, clock.Stop!, clock.Pause ?? [], clock.Resume ?? [], limit, warning, breach,
                    clock.StartTo, stopTo);
                if (!_clocks.TryAdd(label.Code, policy))
                    presetFile.Add($"{path}.code", $"'{label.Code}' appears twice");
            }
        }

        // Whether an action of the clock's types can land an order in the status (passing up counts both ways it lands).
        private bool ClockStatus(List<string> types, string action, string status) =>
            (types.Count == 0 ? _types.Keys.ToList() : types).SelectMany(Flows)
                .Any(l => l.Transitions.Any(t => t.Action == action && (t.To == status || t.PassUp == status)));

        // The flows orders of a type may follow: its own and its subtypes'.
        private IEnumerable<Lifecycle> Flows(string type) =>
            _types.TryGetValue(type, out var known)
                ? known.SubtypeLifecycles.Values.Append(known.Lifecycle).Where(_lifecycles.ContainsKey).Select(l => _lifecycles[l])
                : [];

        private static bool ClockAction(Reporter file, string path, string action, HashSet<string> actions, string? also = null)
        {
            if (action == also || actions.Contains(action))
                return true;
            file.Add(path, $"unknown action '{action}' (known: {string.Join(", ", actions)})");
            return false;
        }

        private static bool ClockActions(Reporter file, string path, List<string>? list, HashSet<string> actions)
        {
            var ok = true;
            for (var i = 0; i < (list?.Count ?? 0); i++)
                ok &= ClockAction(file, $"{path}[{i}]", list![i], actions);
            return ok;
        }

        // A clock's limit, or a unit's tightening of one (the unit and what it is keyed by are inherited).
        private ClockLimit? Limit(Reporter file, string path, ClockLimitDocument? document, ClockLimit? inherited, IReadOnlyList<string> types)
        {
            if (document is null)
            {
                file.Add(path, "required");
                return null;
            }
            var ok = true;
            var unit = inherited?.Unit ?? DeadlineUnit.Minutes;
            if (inherited is null)
            {
                if (Unit(file, $"{path}.unit", document.Unit) is { } own)
                    unit = own;
                else
                    ok = false;
            }
            else if (document.Unit is not null || document.By is not null)
            {
                file.Add(path, "a unit may change a clock's amounts only; its unit and what it is keyed by stay as the preset sets them");
                ok = false;
            }
            if (document.Amount is not { } amount || amount < 1 || amount > Period.MaxAmount)
            {
                file.Add($"{path}.amount", document.Amount is null ? "required" : $"must be 1 to {Period.MaxAmount}");
                return null;
            }
            var by = inherited?.By;
            if (inherited is null && document.By is { } byText)
            {
                if (Enum.TryParse<ClockLimitKey>(byText, ignoreCase: true, out var key) && !int.TryParse(byText, out _))
                    by = key;
                else
                {
                    file.Add($"{path}.by", $"unknown key '{byText}' (known: customerClass, grade, subtype)");
                    ok = false;
                }
            }
            var amounts = document.Amounts ?? [];
            if (amounts.Count > 0 && by is null)
            {
                file.Add($"{path}.amounts", "amounts by case need 'by' (customerClass, grade or subtype)");
                ok = false;
            }
            var cases = by switch
            {
                ClockLimitKey.CustomerClass => _customerClasses.Select(c => c.Code),
                ClockLimitKey.Grade => types.SelectMany(t => _types.TryGetValue(t, out var known) ? known.Grades.Select(g => g.Code) : []),
                ClockLimitKey.Subtype => types.SelectMany(t => _types.TryGetValue(t, out var known) ? known.Subtypes.Select(g => g.Code) : []),
                _ => [],
            };
            var known = cases.ToHashSet();
            foreach (var (key, value) in amounts)
            {
                if (!known.Contains(key))
                {
                    file.Add($"{path}.amounts.{key}", $"unknown {JsonNaming(by.ToString()!)} '{key}' (known: {string.Join(", ", known)})");
                    ok = false;
                }
                else if (value < 1 || value > Period.MaxAmount)
                {
                    file.Add($"{path}.amounts.{key}", $"must be 1 to {Period.MaxAmount}");
                    ok = false;
                }
            }
            return ok ? new ClockLimit(unit, amount, by, amounts) : null;
        }

        private static ClockWarning? Warning(Reporter file, string path, ClockWarningDocument? document, ClockLimit? limit)
        {
            if (document is null)
                return null;
            switch (document)
            {
                case { Percent: { } percent, Before: null }:
                    if (percent is >= 1 and <= 99)
                        return ClockWarning.AtPercent(percent);
                    file.Add($"{path}.percent", "must be 1 to 99");
                    return null;
                case { Before: { } before, Percent: null }:
                    if (before >= 1 && (limit is null || before < limit.Amount))
                        return ClockWarning.UnitsBefore(before);
                    file.Add($"{path}.before", $"must be at least 1 and less than the limit ({limit?.Amount})");
                    return null;
                default:
                    file.Add(path, "give either 'percent' or 'before'");
                    return null;
            }
        }

        // A rule's customer classes must be the preset's; each unknown one is named by its index.
        private bool KnownClasses(string path, List<string> classes, IReadOnlyList<CodedLabel> customerClasses)
        {
            var ok = true;
            for (var c = 0; c < classes.Count; c++)
            {
                if (!customerClasses.Any(k => k.Code == classes[c]))
                {
                    presetFile.Add($"{path}[{c}]", $"unknown customer class '{classes[c]}' (known: {string.Join(", ", customerClasses.Select(k => k.Code))})");
                    ok = false;
                }
            }
            return ok;
        }

        // Grading criteria name a graded type, one of its grades, customer classes and the words that raise the grade.
        private GradingRules Grading(List<GradingRuleDocument>? rules, IReadOnlyList<CodedLabel> customerClasses)
        {
            var result = new List<GradingRule>();
            var codes = new HashSet<string>();
            for (var i = 0; i < (rules?.Count ?? 0); i++)
            {
                var rule = rules![i];
                var path = $"grading[{i}]";
                var label = Coded(presetFile, path, new CodedLabelDocument { Code = rule.Code, Zh = rule.Zh, En = rule.En });
                var ok = label is not null;
                if (label is not null && !codes.Add(label.Code))
                {
                    presetFile.Add($"{path}.code", $"'{label.Code}' appears twice");
                    ok = false;
                }
                var type = rule.Type is null ? null : _types.GetValueOrDefault(rule.Type);
                if (type is null)
                {
                    presetFile.Add($"{path}.type", rule.Type is null ? "is required" : $"unknown business type '{rule.Type}' (known: {string.Join(", ", _types.Keys)})");
                    ok = false;
                }
                else if (rule.Grade is null || !type.HasGrade(rule.Grade))
                {
                    presetFile.Add($"{path}.grade", $"{(rule.Grade is null ? "is required" : $"'{rule.Grade}' is not a grade of {type.Code}")} (its grades: {string.Join(", ", type.Grades.Select(g => g.Code))})");
                    ok = false;
                }
                var classes = rule.CustomerClasses ?? [];
                ok &= KnownClasses($"{path}.customerClasses", classes, customerClasses);
                var keywords = rule.Keywords ?? [];
                for (var k = 0; k < keywords.Count; k++)
                {
                    if (string.IsNullOrWhiteSpace(keywords[k]))
                    {
                        presetFile.Add($"{path}.keywords[{k}]", "must not be blank");
                        ok = false;
                    }
                }
                if (ok)
                    result.Add(new GradingRule(label!.Code, label.Label, type!.Code, rule.Grade!, classes, [.. keywords.Select(k => k.Trim())]));
            }
            return new GradingRules(result);
        }

        // Routing rules name units of the tree; a rule with `units` takes each unit's area from the tree.
        private RoutingRules Routing(List<RoutingRuleDocument>? rules, OrgTree tree, IReadOnlyList<CodedLabel> customerClasses)
        {
            var result = new List<RoutingRule>();
            var codes = new HashSet<string>();
            for (var i = 0; i < (rules?.Count ?? 0); i++)
            {
                var rule = rules![i];
                var path = $"routing[{i}]";
                var label = Coded(presetFile, path, new CodedLabelDocument { Code = rule.Code, Zh = rule.Zh, En = rule.En });
                var ok = label is not null;
                if (label is not null && !codes.Add(label.Code))
                {
                    presetFile.Add($"{path}.code", $"'{label.Code}' appears twice");
                    ok = false;
                }
                if (rule.At is not null && !tree.Contains(rule.At))
                {
                    presetFile.Add($"{path}.at", $"unknown org unit '{rule.At}'");
                    ok = false;
                }
                var types = rule.Types ?? [];
                for (var t = 0; t < types.Count; t++)
                {
                    if (!_types.ContainsKey(types[t]))
                    {
                        presetFile.Add($"{path}.types[{t}]", $"unknown business type '{types[t]}' (known: {string.Join(", ", _types.Keys)})");
                        ok = false;
                    }
                }
                var subtypes = rule.Subtypes ?? [];
                for (var t = 0; t < subtypes.Count; t++)
                {
                    if (!types.Any(type => _types.TryGetValue(type, out var known) && known.HasSubtype(subtypes[t])))
                    {
                        presetFile.Add($"{path}.subtypes[{t}]", $"'{subtypes[t]}' is not a subtype of {(types.Count == 0 ? "the rule's types (name them)" : string.Join(", ", types))}");
                        ok = false;
                    }
                }
                var classes = rule.CustomerClasses ?? [];
                ok &= KnownClasses($"{path}.customerClasses", classes, customerClasses);
                var areaCodes = new List<AreaCode>();
                var areaList = rule.AreaCodes ?? [];
                for (var a = 0; a < areaList.Count; a++)
                {
                    if (AreaCode.TryParse(areaList[a], out var area))
                        areaCodes.Add(area);
                    else
                    {
                        presetFile.Add($"{path}.areaCodes[{a}]", $"'{areaList[a]}' is not a 6-digit area code");
                        ok = false;
                    }
                }
                var units = rule.Units ?? [];
                if ((rule.Unit is null) == (units.Count == 0))
                {
                    presetFile.Add(path, "give either 'unit' or 'units'");
                    ok = false;
                }
                else if (units.Count > 0 && areaList.Count > 0)
                {
                    presetFile.Add($"{path}.areaCodes", "a rule with 'units' takes each unit's area codes from org.yaml; drop 'areaCodes' or use 'unit'");
                    ok = false;
                }
                var targets = new List<(string Unit, IReadOnlyList<AreaCode> Areas)>();
                if (rule.Unit is not null)
                {
                    if (tree.Contains(rule.Unit))
                        targets.Add((rule.Unit, areaCodes));
                    else
                    {
                        presetFile.Add($"{path}.unit", $"unknown org unit '{rule.Unit}'");
                        ok = false;
                    }
                }
                for (var u = 0; u < units.Count; u++)
                {
                    if (!tree.Contains(units[u]))
                    {
                        presetFile.Add($"{path}.units[{u}]", $"unknown org unit '{units[u]}'");
                        ok = false;
                    }
                    else if (AreaOf(tree, units[u]) is { Count: > 0 } areas)
                        targets.Add((units[u], areas));
                    else
                    {
                        presetFile.Add($"{path}.units[{u}]", $"'{units[u]}' and the units above it have no area codes in org.yaml");
                        ok = false;
                    }
                }
                if (ok)
                    result.AddRange(targets.Select(t => new RoutingRule(label!.Code, label.Label, rule.At, types, subtypes, classes, t.Areas, t.Unit)));
            }
            return new RoutingRules(result);
        }

        // The area a unit serves: its own codes, or those of the nearest unit above it that has some.
        private static List<AreaCode> AreaOf(OrgTree tree, string unit) =>
            tree.PathOf(unit).Reverse().Select(code => tree.Find(code)!.AreaCodes).FirstOrDefault(codes => codes.Count > 0) is { } codes
                ? [.. codes.Where(c => AreaCode.TryParse(c, out _)).Select(AreaCode.Parse)]
                : [];

        // A unit may only make a clock stricter than what it inherits from the units above it.
        private void CheckTightening(OrgTree tree)
        {
            foreach (var (unit, overrides) in _overrides)
            {
                foreach (var (code, limit) in overrides.ClockLimits ?? new Dictionary<string, ClockLimit>())
                {
                    var inherited = _clocks[code].Limit;
                    foreach (var ancestor in tree.PathOf(unit).SkipLast(1))
                    {
                        if (_overrides.GetValueOrDefault(ancestor)?.ClockLimits?.GetValueOrDefault(code) is { } above)
                            inherited = above;
                    }
                    if (!inherited.IsTightenedBy(limit))
                        orgFile.Add($"{UnitPath(unit)}.rules.clocks.{code}", $"a unit may only tighten a clock: {Describe(limit)} is looser than the {Describe(inherited)} it inherits");
                }
            }
        }

        private string UnitPath(string unit) => _unitPaths.GetValueOrDefault(unit, unit);

        private List<Role> Roles(List<RoleDocument>? roles, HashSet<string> actions)
        {
            var result = new List<Role>();
            if (roles is null or { Count: 0 })
            {
                presetFile.Add("roles", "at least one role is required");
                return result;
            }
            var rights = Enum.GetValues<Right>().ToDictionary(p => JsonNaming(p.ToString()));
            for (var i = 0; i < roles.Count; i++)
            {
                var path = $"roles[{i}]";
                var document = roles[i];
                if (Coded(presetFile, path, new CodedLabelDocument { Code = document.Code, Zh = document.Zh, En = document.En }) is not { } label)
                    continue;
                if (result.Any(r => r.Code == label.Code))
                {
                    presetFile.Add($"{path}.code", $"'{label.Code}' appears twice");
                    continue;
                }
                var granted = new HashSet<Right>();
                foreach (var (name, j) in (document.May ?? []).Select((n, j) => (n, j)))
                {
                    if (rights.TryGetValue(name, out var right))
                        granted.Add(right);
                    else
                        presetFile.Add($"{path}.may[{j}]", $"unknown right '{name}' (known: {string.Join(", ", rights.Keys)})");
                }
                foreach (var (action, j) in (document.Actions ?? []).Select((a, j) => (a, j)))
                {
                    if (!actions.Contains(action))
                        presetFile.Add($"{path}.actions[{j}]", $"unknown action '{action}' (known: {string.Join(", ", actions)})");
                }
                result.Add(new Role(label.Code, label.Label, granted, (document.Actions ?? []).ToHashSet()));
            }
            return result;
        }

        private static string Describe(ClockLimit limit) =>
            $"{limit.Amount} {limit.Unit}" + string.Concat(limit.Amounts.Select(a => $", {a.Key} {a.Value}"));

        private static List<CodedLabel> CodedLabels(Reporter file, string path, List<CodedLabelDocument>? items)
        {
            var result = new List<CodedLabel>();
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (Coded(file, $"{path}[{i}]", items![i]) is not { } item)
                    continue;
                if (result.Any(r => r.Code == item.Code))
                    file.Add($"{path}[{i}].code", $"'{item.Code}' appears twice");
                else
                    result.Add(item);
            }
            return result;
        }

        private static CodedLabel? Coded(Reporter file, string path, CodedLabelDocument item)
        {
            var code = Required(file, $"{path}.code", item.Code);
            if (code is not null && !CodeRegex().IsMatch(code))
            {
                file.Add($"{path}.code", $"'{code}' must be letters, digits and dashes, starting with a letter");
                code = null;
            }
            var label = Label(file, path, new LabelDocument { Zh = item.Zh, En = item.En });
            return code is null || label is null ? null : new CodedLabel(code, label);
        }

        private static Label? Label(Reporter file, string path, LabelDocument? label)
        {
            var zh = Required(file, $"{path}.zh", label?.Zh);
            var en = Required(file, $"{path}.en", label?.En);
            return zh is null || en is null ? null : new Label(zh, en);
        }

        private static string? Required(Reporter file, string path, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                return value;
            file.Add(path, "required");
            return null;
        }

        private static string JsonNaming(string name) => char.ToLowerInvariant(name[0]) + name[1..];
    }
}
