using System.Globalization;
using System.Text.RegularExpressions;
using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;
using CsvHelper;
using CsvHelper.Configuration;

namespace Closeloop.Server.Org;

/// <summary>
/// The org tree as a spreadsheet: one row per unit, parents before their children (docs/PRESETS.md
/// lists the columns). Lists are separated by <c>;</c>, e.g. office hours <c>08:30-12:00;13:30-17:30</c>
/// and clocks <c>repairArrival=90;powerOn=5 (resident=2, lowVoltage=4)</c>. A problem names the row
/// (the header is row 1) and the column.
/// </summary>
internal static partial class OrgCsv
{
    public const string Code = "code";
    public const string Parent = "parent";
    public const string Kind = "kind";
    public const string NameZh = "name_zh";
    public const string NameEn = "name_en";
    public const string AreaCodes = "area_codes";
    public const string Calendar = "calendar";
    public const string OfficeHours = "office_hours";
    public const string Clocks = "clocks";
    public const string WorkOrders = "work_orders";
    public const string TypeLifecycles = "type_lifecycles";

    public static readonly IReadOnlyList<string> Columns =
        [Code, Parent, Kind, NameZh, NameEn, AreaCodes, Calendar, OfficeHours, Clocks, WorkOrders, TypeLifecycles];

    private static readonly string[] Required = [Code, Parent, Kind, NameZh, NameEn];

    public static string Write(OrgDraft draft)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
                csv.WriteField(column);
            csv.NextRecord();
            foreach (var unit in draft.Units)
            {
                var rules = unit.Rules;
                csv.WriteField(unit.Code);
                csv.WriteField(unit.Parent ?? "");
                csv.WriteField(unit.Kind ?? "");
                csv.WriteField(unit.Name?.Zh ?? "");
                csv.WriteField(unit.Name?.En ?? "");
                csv.WriteField(string.Join(';', unit.AreaCodes));
                csv.WriteField(rules?.Calendar ?? "");
                csv.WriteField(string.Join(';', (rules?.OfficeHours ?? []).Select(p => $"{p.From}-{p.To}")));
                csv.WriteField(string.Join(';', (rules?.Clocks ?? []).Select(c => $"{c.Key}={c.Value.Amount}{Cases(c.Value.Amounts)}")));
                csv.WriteField(WorkOrderSettings(rules?.WorkOrders));
                csv.WriteField(string.Join(';', (rules?.Types ?? []).Select(t => $"{t.Key}={t.Value.Lifecycle}")));
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>The units of a CSV text, with the row each came from; or what is wrong with the text, by row and column.</summary>
    public static (OrgDraft? Draft, IReadOnlyDictionary<string, int> RowByCode, IReadOnlyList<string> Problems) Read(string text)
    {
        var problems = new List<string>();
        var units = new List<DraftUnit>();
        var rowByCode = new Dictionary<string, int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = bad => problems.Add($"row {bad.Context.Parser?.Row}: a quote out of place in {bad.Field.Trim()} (a field holding quotes or commas is quoted, its quotes doubled)"),
            MissingFieldFound = null,
        };
        try
        {
            using var csv = new CsvReader(new StringReader(text), config);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
                return (null, rowByCode, ["row 1: the header row is missing"]);
            var index = new Dictionary<string, int>();
            for (var i = 0; i < header.Length; i++)
            {
                if (!Columns.Contains(header[i]))
                    problems.Add($"row 1, column {i + 1}: unknown column '{header[i]}' (known: {string.Join(", ", Columns)})");
                else if (!index.TryAdd(header[i], i))
                    problems.Add($"row 1, column {header[i]}: appears twice");
            }
            foreach (var missing in Required.Where(c => !index.ContainsKey(c)))
                problems.Add($"row 1: the column '{missing}' is missing");
            if (problems.Count > 0)
                return (null, rowByCode, problems);

            while (csv.Read())
            {
                var row = csv.Parser.Row;
                var record = csv.Parser.Record ?? [];
                string Field(string column) => index.TryGetValue(column, out var at) && at < record.Length ? record[at] : "";
                void Problem(string column, string problem) => problems.Add($"row {row}, column {column}: {problem}");

                var code = Field(Code);
                if (code.Length == 0)
                {
                    Problem(Code, "required");
                    continue;
                }
                if (!rowByCode.TryAdd(code, row))
                {
                    Problem(Code, $"'{code}' appears twice (also in row {rowByCode[code]})");
                    continue;
                }
                var unit = new DraftUnit
                {
                    Code = code,
                    Parent = NullIfEmpty(Field(Parent)),
                    Kind = NullIfEmpty(Field(Kind)),
                    Name = new LabelDocument { Zh = NullIfEmpty(Field(NameZh)), En = NullIfEmpty(Field(NameEn)) },
                    AreaCodes = [.. List(Field(AreaCodes))],
                };
                unit.Rules = new RulesDocument
                {
                    Calendar = NullIfEmpty(Field(Calendar)),
                    OfficeHours = ReadOfficeHours(Field(OfficeHours), p => Problem(OfficeHours, p)),
                    Clocks = ReadClocks(Field(Clocks), p => Problem(Clocks, p)),
                    WorkOrders = ReadWorkOrderSettings(Field(WorkOrders), p => Problem(WorkOrders, p)),
                    Types = Pairs(Field(TypeLifecycles), p => Problem(TypeLifecycles, p))?.ToDictionary(p => p.Key, p => new TypeOverrideDocument { Lifecycle = p.Value }),
                };
                unit.SetRules(unit.Rules.Calendar, unit.Rules.OfficeHours, unit.Rules.Clocks);
                units.Add(unit);
            }
        }
        catch (CsvHelperException e)
        {
            problems.Add($"row {e.Context?.Parser?.Row}: {e.Message.Split(Environment.NewLine)[0]}");
        }

        // Where each unit sits: a parent must be a unit of the file, and no unit may lie below itself.
        var draft = OrgDraft.Of(units);
        foreach (var unit in units.Where(u => u.Parent is not null))
        {
            if (draft.Find(unit.Parent!) is null)
                problems.Add($"row {rowByCode[unit.Code]}, column {Parent}: unknown org unit '{unit.Parent}'");
            else if (draft.IsWithin(unit.Parent!, unit.Code))
                problems.Add($"row {rowByCode[unit.Code]}, column {Parent}: '{unit.Parent}' lies below '{unit.Code}': the parents go round in a circle");
        }
        return (problems.Count > 0 ? null : draft, rowByCode, problems);
    }

    /// <summary>Where in the CSV a problem the loader found in the org.yaml written from it lies: <c>row 5, column calendar: …</c>.</summary>
    public static string Locate(PresetProblem problem, IReadOnlyDictionary<string, string> pathByCode, IReadOnlyDictionary<string, int> rowByCode)
    {
        if (problem.File != PresetLoader.OrgFile || problem.Path is not { } path || OrgChanges.UnitAt(path, pathByCode) is not { } unit)
            return problem.ToString();
        var rest = path.Length > unit.Path.Length ? path[(unit.Path.Length + 1)..] : "";
        var column = rest switch
        {
            _ when rest.StartsWith("kind", StringComparison.Ordinal) => Kind,
            _ when rest.StartsWith("name.en", StringComparison.Ordinal) => NameEn,
            _ when rest.StartsWith("name", StringComparison.Ordinal) => NameZh,
            _ when rest.StartsWith("areaCodes", StringComparison.Ordinal) => AreaCodes,
            _ when rest.StartsWith("rules.calendar", StringComparison.Ordinal) => Calendar,
            _ when rest.StartsWith("rules.officeHours", StringComparison.Ordinal) => OfficeHours,
            _ when rest.StartsWith("rules.clocks", StringComparison.Ordinal) => Clocks,
            _ when rest.StartsWith("rules.workOrders", StringComparison.Ordinal) => WorkOrders,
            _ when rest.StartsWith("rules.types", StringComparison.Ordinal) => TypeLifecycles,
            _ => Code,
        };
        return $"row {rowByCode.GetValueOrDefault(unit.Code)}, column {column}: {problem.Message}";
    }

    private static string Cases(Dictionary<string, int>? amounts) =>
        amounts is { Count: > 0 } ? $" ({string.Join(", ", amounts.Select(a => $"{a.Key}={a.Value}"))})" : "";

    private static string WorkOrderSettings(WorkOrderSettingsDocument? settings)
    {
        var parts = new List<string>();
        if (settings?.ContentMaxLength is { } length)
            parts.Add($"contentMaxLength={length.ToString(CultureInfo.InvariantCulture)}");
        if (settings?.NumberFormat is { } format)
            parts.Add($"numberFormat={format}");
        return string.Join(';', parts);
    }

    private static List<OfficePeriodDocument>? ReadOfficeHours(string text, Action<string> problem)
    {
        if (text.Length == 0)
            return null;
        var periods = new List<OfficePeriodDocument>();
        foreach (var period in List(text))
        {
            var parts = period.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
                periods.Add(new OfficePeriodDocument { From = parts[0], To = parts[1] });
            else
                problem($"'{period}' is not a period like 08:30-12:00");
        }
        return periods;
    }

    private static Dictionary<string, ClockLimitDocument>? ReadClocks(string text, Action<string> problem)
    {
        if (text.Length == 0)
            return null;
        var clocks = new Dictionary<string, ClockLimitDocument>();
        foreach (var item in List(text))
        {
            var match = ClockPattern().Match(item);
            if (!match.Success || !int.TryParse(match.Groups["amount"].Value, CultureInfo.InvariantCulture, out var amount))
            {
                problem($"'{item}' is not a clock limit like repairArrival=90 or powerOn=5 (resident=2)");
                continue;
            }
            var amounts = new Dictionary<string, int>();
            foreach (var pair in match.Groups["cases"].Success ? match.Groups["cases"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [])
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var value))
                    amounts[parts[0]] = value;
                else
                    problem($"'{pair}' is not a case like resident=2");
            }
            if (!clocks.TryAdd(match.Groups["code"].Value, new ClockLimitDocument { Amount = amount, Amounts = amounts.Count > 0 ? amounts : null }))
                problem($"'{match.Groups["code"].Value}' appears twice");
        }
        return clocks;
    }

    private static WorkOrderSettingsDocument? ReadWorkOrderSettings(string text, Action<string> problem)
    {
        if (Pairs(text, problem) is not { } pairs)
            return null;
        var settings = new WorkOrderSettingsDocument();
        foreach (var (key, value) in pairs)
        {
            if (key == "numberFormat")
                settings.NumberFormat = value;
            else if (key == "contentMaxLength" && int.TryParse(value, CultureInfo.InvariantCulture, out var length))
                settings.ContentMaxLength = length;
            else
                problem($"'{key}={value}' is not contentMaxLength=<number> or numberFormat=<format>");
        }
        return settings;
    }

    private static Dictionary<string, string>? Pairs(string text, Action<string> problem)
    {
        if (text.Length == 0)
            return null;
        var pairs = new Dictionary<string, string>();
        foreach (var item in List(text))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                problem($"'{item}' is not name=value");
            else if (!pairs.TryAdd(parts[0], parts[1]))
                problem($"'{parts[0]}' appears twice");
        }
        return pairs;
    }

    private static string[] List(string text) => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"^(?<code>[^=\s]+)\s*=\s*(?<amount>\d+)\s*(\((?<cases>[^)]*)\))?$")]
    private static partial Regex ClockPattern();
}
