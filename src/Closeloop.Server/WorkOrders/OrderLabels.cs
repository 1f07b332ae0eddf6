using System.Globalization;
using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Presets;
using Closeloop.Server.Web;
using Closeloop.WorkOrders;
using Microsoft.Extensions.Localization;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// How one order's codes read on its page, in the person's language: the labels of the rules it was
/// accepted under (type, status, grade, action, clock), and the people it names by their display names.
/// </summary>
public sealed class OrderLabels(Rulebook rulebook, Lifecycle lifecycle, IReadOnlyDictionary<string, string> displayNames, IStringLocalizer<Text> text)
{
    public Rulebook Rulebook => rulebook;

    public Lifecycle Lifecycle => lifecycle;

    public string Type(string type, string? subtype)
    {
        if (!rulebook.Types.TryGetValue(type, out var known))
            return subtype is null ? type : $"{type} / {subtype}";
        var name = Shown.Label(known.Label);
        return subtype is null ? name : $"{name} / {Coded(known.Subtypes, subtype)}";
    }

    public string Status(string? code) => code is null ? "—" : Coded(lifecycle.Statuses, code);

    public string Grade(string type, string? code) =>
        code is null ? "—" : rulebook.Types.TryGetValue(type, out var known) ? Coded(known.Grades, code) : code;

    /// <summary>A responsibility finding (定责) by its label, with the unit it holds responsible.</summary>
    public string Finding(string type, string? code, string? unit)
    {
        if (code is null)
            return "—";
        var name = rulebook.Types.TryGetValue(type, out var known) && known.FindingOf(code) is { } finding ? Shown.Label(finding.Label) : code;
        return unit is null ? name : $"{name} · {Unit(unit)}";
    }

    public string CustomerClass(string? code) => code is null ? "—" : Coded(rulebook.CustomerClasses, code);

    public string Unit(string code) => Shown.Unit(rulebook, code);

    public string Clock(string policy) => rulebook.Clocks.FirstOrDefault(c => c.Code == policy) is { } known ? Shown.Label(known.Label) : policy;

    /// <summary>A step of the history: a lifecycle action by its preset label, or a step the platform knows by name.</summary>
    public string Action(string code) =>
        rulebook.Actions.FirstOrDefault(a => a.Code == code) is { } known
            ? Shown.Label(known.Label)
            : code switch
            {
                WorkOrderEvent.Accept => text["Order_StepAccept"],
                WorkOrderEvent.Urge => text["Order_StepUrge"],
                WorkOrderEvent.Supervise => text["Order_StepSupervise"],
                WorkOrderEvent.ClockWarned => text["Order_StepClockWarned"],
                WorkOrderEvent.ClockBreached => text["Order_StepClockBreached"],
                WorkOrderEvent.ClockRecounted => text["Order_StepClockRecounted"],
                _ => code,
            };

    /// <summary>"张处理 (handler)": the name people know with the sign-in name that is unique.</summary>
    public string Person(string? userName) =>
        userName is null ? "—"
        : userName == WorkOrderEvent.SystemActor ? text["Order_System"]
        : displayNames.TryGetValue(userName, out var name) ? $"{name} ({userName})" : userName;

    public string Channel(Channel channel) => text[$"Channel_{channel}"];

    public string ClockState(ClockState state) => text[$"Order_ClockState_{state}"];

    public string ClockChange(ClockChangeKind kind) => text[$"Order_ClockChange_{kind}"];

    public string Time(DateTimeOffset at) => Shown.Time(rulebook, at);

    /// <summary>A clock's due in the history, read as on the clock itself (see <see cref="PeriodEnd"/>).</summary>
    public string Due(string policy, DateTimeOffset due) => PeriodEnd(rulebook.Clocks.FirstOrDefault(c => c.Code == policy)?.Limit.Unit, due);

    /// <summary>When the window of <paramref name="action"/> out of <paramref name="status"/> shuts (an appeal's: 3 natural days).</summary>
    public string WindowEnd(string action, string status, DateTimeOffset shuts) => PeriodEnd(lifecycle.Find(action, status)?.Window?.Unit, shuts);

    // A period of days ends at 24:00 of its last day, so an end at midnight reads as 24:00 of the day before.
    private string PeriodEnd(DeadlineUnit? unit, DateTimeOffset end)
    {
        var local = TimeZoneInfo.ConvertTime(end, rulebook.TimeZone);
        return unit is DeadlineUnit.NaturalDays or DeadlineUnit.WorkingDays && local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : Time(end);
    }


    /// <summary>A file's size as people read it: 980 B, 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) =>
        bytes switch
        {
            < 1024 => $"{bytes} B",
            < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
            _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        };

    private static string Coded(IEnumerable<CodedLabel> labels, string code) =>
        labels.FirstOrDefault(l => l.Code == code) is { } known ? Shown.Label(known.Label) : code;
}
