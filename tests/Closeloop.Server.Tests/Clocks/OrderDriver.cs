using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Presets;
using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;
using Closeloop.WorkOrders;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>
/// Takes an order of a shipped preset through its lifecycle in memory, keeping its clocks as the
/// server does: the preset's own transition table finds the way to the action a test names.
/// </summary>
internal sealed class OrderDriver
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "presets");
    private static readonly Calendars SharedCalendars = new(CalendarLoader.LoadAll(Root));
    private static readonly Dictionary<string, Rulebook> Rulebooks = [];

    private readonly Lifecycle _lifecycle;
    private readonly OrderClocks _clocks = new([]);

    public OrderDriver(string preset, string type, string? subtype, DateTimeOffset acceptedAt, string? customerClass = null, string? grade = null)
    {
        lock (Rulebooks)
        {
            if (!Rulebooks.TryGetValue(preset, out var rulebook))
                Rulebooks[preset] = rulebook = PresetLoader.Load(Root, preset, [.. SharedCalendars.ById.Keys]).Rulebook;
            Rules = rulebook;
        }
        _lifecycle = Rules.RulesFor(Rules.IntakeUnit).LifecycleOf(type, subtype);
        var grades = Rules.Types[type].Grades;
        Grade = grade ?? (grades.Count > 0 ? grades[^1].Code : null);
        var intake = new WorkOrderIntake(
            "T" + Guid.NewGuid().ToString("N")[..12], type, subtype, Channel.Phone,
            new Customer("王小明", PhoneNumber.Parse("13812345678"), null, null, null, customerClass),
            "测试工单", grade, Rules.IntakeUnit, Rules.RuleVersion);
        (Order, var accepted) = WorkOrder.Accept(Guid.CreateVersion7(acceptedAt), intake, _lifecycle, "agent", acceptedAt);
        Follow(accepted);
        Now = acceptedAt;
        // A county company for the national rules (its crews are on site within 90 minutes); a department for the gas company.
        DispatchTo = preset == "sgcc-95598" ? "js-nj-jn" : Rules.Org.Units.First(u => u.ParentCode is not null && u.Code != Rules.IntakeUnit).Code;
        if (Rules.Types[type].Findings.FirstOrDefault(f => f.Responsible) is { } responsible)
            (Finding, FindingUnit) = (responsible.Code, DispatchTo);
    }

    public Rulebook Rules { get; }

    public WorkOrder Order { get; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The unit a dispatch sends the order to.</summary>
    public string DispatchTo { get; set; }

    public string? Grade { get; set; }

    /// <summary>The finding a step that judges a complaint records: responsible, to <see cref="FindingUnit"/>, unless a test says otherwise.</summary>
    public string? Finding { get; set; }

    public string? FindingUnit { get; set; }

    public List<WorkOrderEvent> History { get; } = [];

    public IReadOnlyList<Clock> Clocks => _clocks.All;

    public Clock Clock(string policy, int instance = 1) => _clocks.All.Single(c => c.Policy == policy && c.Instance == instance);

    public WorkingDayCalendar CalendarOf(Clock clock) => SharedCalendars.ByUnit(Rules)(clock.CountedBy);

    public static Calendars Calendars => SharedCalendars;

    /// <summary>
    /// Takes the shortest way to <paramref name="action"/> and then takes it, each step
    /// <paramref name="step"/> after the last; <paramref name="lag"/> is how long before its record
    /// the action says it happened.
    /// </summary>
    public WorkOrderEvent Reach(string action, TimeSpan step, TimeSpan? lag = null)
    {
        WorkOrderEvent last = History[^1];
        if (action == WorkOrderEvent.Accept)
            return last;
        foreach (var transition in WayTo(action))
        {
            Now += step;
            last = Do(transition.Action, Now, transition.Action == action && lag is { } before ? Now - before : null);
        }
        return last;
    }

    /// <summary>Takes <paramref name="action"/> at <paramref name="at"/>.</summary>
    public WorkOrderEvent Do(string action, DateTimeOffset at, DateTimeOffset? occurredAt = null) =>
        Attempt(action, at, occurredAt).Refusal is { } refusal ? throw new InvalidOperationException($"{action} refused: {refusal.Message}") : History[^1];

    /// <summary>Asks for <paramref name="action"/> at <paramref name="at"/>: what the order answers, the step taken only when it agrees.</summary>
    public ActionOutcome Attempt(string action, DateTimeOffset at, DateTimeOffset? occurredAt = null)
    {
        var outcome = Order.Perform(
            new WorkOrderAction(action, "tester", DispatchTo, "原因", "意见", null, Grade, occurredAt ?? at, Finding: Finding, FindingUnit: FindingUnit),
            _lifecycle, Rules.Org, at, Rules.Types[Order.Type], calendar: SharedCalendars.ByUnit(Rules)(Order.AcceptingUnit));
        if (outcome.Recorded is { } recorded)
        {
            Now = at;
            Follow(recorded);
        }
        return outcome;
    }

    private void Follow(WorkOrderEvent e)
    {
        var changes = _clocks.Follow(Order, e, Rules.RulesFor(Order.ResponsibleUnit).Clocks, SharedCalendars.ByUnit(Rules), Guid.NewGuid);
        History.Add(e with { Changes = e.Changes with { Clocks = changes } });
    }

    // Breadth first over the transition table, never stepping back (returns) or closing early.
    private List<Transition> WayTo(string action)
    {
        var paths = new Queue<(string Status, List<Transition> Path)>([(Order.Status, [])]);
        var seen = new HashSet<string> { Order.Status };
        while (paths.TryDequeue(out var at))
        {
            foreach (var transition in _lifecycle.Transitions.Where(t => t.From == at.Status))
            {
                if (transition.Action == action)
                    return [.. at.Path, transition];
                if (transition.Action is "return" or "archive" or "resolve" or "suspend" || transition.To == transition.From || !seen.Add(transition.To))
                    continue;
                paths.Enqueue((transition.To, [.. at.Path, transition]));
            }
        }
        throw new InvalidOperationException($"'{action}' cannot be reached from '{Order.Status}' in {_lifecycle.Name}");
    }
}
