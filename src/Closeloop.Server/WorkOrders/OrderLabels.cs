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

    /// <summary>
    /// A clock's due in the history: a period of days ends at 24:00 of its last day, so a due at
    /// midnight reads as 24:00 of the day before, as on the clock itself.
    /// </summary>
    public string Due(string policy, DateTimeOffset due)
    {
        var local = TimeZoneInfo.ConvertTime(due, rulebook.TimeZone);
        var inDays = rulebook.Clocks.FirstOrDefault(c => c.Code == policy)?.Limit.Unit is DeadlineUnit.NaturalDays or DeadlineUnit.WorkingDays;
        return inDays && local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : Time(due);
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
