using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Complaints;
using Closeloop.Org;
using Closeloop.Presets;
using Closeloop.Problems;
using Closeloop.Routing;

namespace Closeloop.WorkOrders;

/// <summary>
/// A work order (工单): one customer request on its way from acceptance to archive. Every change is
/// made by recording an event and applying it, so the current state is always what the history
/// adds up to (<see cref="Replay"/>).
/// </summary>
public sealed class WorkOrder
{
    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; } = "";

    public string Type { get; private set; } = "";

    public string? Subtype { get; private set; }

    public Channel Channel { get; private set; }

    public Customer Customer { get; private set; } = null!;

    public string Content { get; private set; } = "";

    public string? Grade { get; private set; }

    /// <summary>The complaint's responsibility finding (定责), a code of its type's findings; null until judged.</summary>
    public string? Finding { get; private set; }

    /// <summary>The unit the <see cref="Finding"/> holds responsible; null when it holds none.</summary>
    public string? FindingUnit { get; private set; }

    /// <summary>The unit that accepted the request; its rules apply to the order.</summary>
    public string AcceptingUnit { get; private set; } = "";

    /// <summary>The unit that must act now: the last of <see cref="Route"/>.</summary>
    public string ResponsibleUnit { get; private set; } = "";

    /// <summary>The units the order went down, from the accepting unit to the responsible one.</summary>
    public IReadOnlyList<string> Route { get; private set; } = [];

    /// <summary>
    /// For each unit of <see cref="Route"/> but the last, the status it held the order in when it sent
    /// it down: where a return lands. Empty for orders sent before this was recorded.
    /// </summary>
    public IReadOnlyList<string> RouteStatuses { get; private set; } = [];

    /// <summary>The units below the responsible one that the order came up from in review, the deepest first.</summary>
    public IReadOnlyList<Hop> CameUpFrom { get; private set; } = [];

    /// <summary>The person at the responsible unit who handles the order; null until assigned there.</summary>
    public string? Assignee { get; private set; }

    public string Status { get; private set; } = "";

    /// <summary>The rules the order was accepted under; a later preset change does not touch it.</summary>
    public string RuleVersion { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the order last reached a final status (archived, an appeal decided); null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>How many times supervisors urged the order (催办).</summary>
    public int Urges { get; private set; }

    /// <summary>When the order was put under formal supervision (督办); null when it is not.</summary>
    public DateTimeOffset? SupervisedAt { get; private set; }

    /// <summary>How many events the order has; the optimistic-concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Accepts a request (受理): the new order and the event that records it.</summary>
    public static (WorkOrder Order, WorkOrderEvent Accepted) Accept(
        Guid id, WorkOrderIntake intake, Lifecycle lifecycle, string actor, DateTimeOffset at, IReadOnlyList<Attachment>? attachments = null)
    {
        var accepted = new WorkOrderEvent(
            id, 1, WorkOrderEvent.Accept, null, lifecycle.Initial, actor, at, null, null, attachments ?? [],
            new WorkOrderChanges(intake, [intake.AcceptingUnit], Closed: lifecycle.Final.Contains(lifecycle.Initial) ? true : null));
        var order = new WorkOrder();
        order.Apply(accepted);
        return (order, accepted);
    }

    /// <summary>The current state rebuilt from the history alone.</summary>
    /// <exception cref="ArgumentException">The history does not start with an acceptance or skips a step.</exception>
    public static WorkOrder Replay(IEnumerable<WorkOrderEvent> history)
    {
        var order = new WorkOrder();
        foreach (var e in history)
        {
            if (e.Sequence != order.Version + 1)
                throw new ArgumentException($"event {e.Sequence} follows event {order.Version}", nameof(history));
            order.Apply(e);
        }
        return order.Version > 0 ? order : throw new ArgumentException("a history starts with an acceptance", nameof(history));
    }

    /// <summary>The actions <paramref name="lifecycle"/> allows in the order's current status.</summary>
    public IReadOnlyList<string> AllowedActions(Lifecycle lifecycle) => lifecycle.ActionsFrom(Status);

    /// <summary>
    /// Takes <paramref name="request"/> if the transition table allows it from the current status and it
    /// has what the table says it needs; records and applies the event.
    /// </summary>
    /// <param name="type">The order's business type: its grades and findings, for an action that grades or judges it.</param>
    /// <param name="suggestion">
    /// Where routing would send the order from its responsible unit; an action that sends it to another
    /// unit needs a reason, and the event records the suggestion and the override.
    /// </param>
    /// <param name="calendar">The accepting unit's calendar, which counts the window of a step that reopens a closed order.</param>
    /// <exception cref="ArgumentNullException">The step has a window and no <paramref name="calendar"/> was given to count it.</exception>
    public ActionOutcome Perform(
        WorkOrderAction request, Lifecycle lifecycle, OrgTree org, DateTimeOffset at, BusinessType? type = null, RoutingSuggestion? suggestion = null,
        WorkingDayCalendar? calendar = null)
    {
        var transition = lifecycle.Find(request.Action, Status);
        if (transition is null)
            return new ActionRefusal.NotAllowedNow(request.Action, Status, AllowedActions(lifecycle));
        if (transition.Window is not null)
        {
            ArgumentNullException.ThrowIfNull(calendar);
            if (WindowShutsAt(transition, calendar) is { } shut && at > shut)
                return new ActionRefusal.WindowShut(request.Action, ClosedAt!.Value, shut);
        }
        if (transition.ByFinding && FindingUnit is null)
            return new ActionRefusal.NoUnitFound(request.Action);

        if (transition.Needs.HasFlag(ActionNeeds.Reason) && string.IsNullOrWhiteSpace(request.Reason))
            return new ActionRefusal.InvalidField("reason", Problem.Required, $"'{request.Action}' needs a reason");
        if (transition.Needs.HasFlag(ActionNeeds.Comment) && string.IsNullOrWhiteSpace(request.Comment))
            return new ActionRefusal.InvalidField("comment", Problem.Required, $"'{request.Action}' needs a comment");
        if (transition.Needs.HasFlag(ActionNeeds.Assignee) && string.IsNullOrWhiteSpace(request.Assignee))
            return new ActionRefusal.InvalidField("assignee", Problem.Required, $"'{request.Action}' needs the person the order is assigned to");

        string? grade = null;
        if (transition.Needs.HasFlag(ActionNeeds.Grade))
        {
            var known = type?.Grades ?? [];
            if (string.IsNullOrWhiteSpace(request.Grade ?? Grade))
                return new ActionRefusal.InvalidField("grade", Problem.Required, $"'{request.Action}' needs a grade (one of: {string.Join(", ", known.Select(g => g.Code))})");
            grade = request.Grade ?? Grade;
            if (!known.Any(g => g.Code == grade))
                return new ActionRefusal.InvalidField("grade", Problem.OneOf(grade!, known.Select(g => g.Code)), $"unknown grade '{grade}' (known: {string.Join(", ", known.Select(g => g.Code))})");
        }
        if (transition.Needs.HasFlag(ActionNeeds.OccurredAt))
        {
            if (request.OccurredAt is not { } occurred)
                return new ActionRefusal.InvalidField("occurredAt", Problem.Required, $"'{request.Action}' needs the time it happened");
            if (occurred > at)
                return new ActionRefusal.InvalidField("occurredAt", Problem.NotInFuture, "cannot be in the future");
            if (occurred < UpdatedAt)
                return new ActionRefusal.InvalidField("occurredAt", Problem.BeforePreviousStep, "cannot be before the order's previous step");
        }

        Responsibility? finding = null;
        if (transition.Needs.HasFlag(ActionNeeds.Finding))
        {
            var judged = Judge(request, type, org);
            if (judged.Refusal is { } wrong)
                return wrong;
            finding = judged.Finding != new Responsibility(Finding ?? "", FindingUnit) ? judged.Finding : null;
        }

        var move = Move(transition, request, org, suggestion);
        if (move.Refusal is { } refused)
            return refused;
        var closes = lifecycle.Final.Contains(move.To);

        var e = new WorkOrderEvent(
            Id, Version + 1, request.Action, Status, move.To, request.Actor, at,
            NullIfBlank(request.Comment), NullIfBlank(request.Reason), request.Attachments ?? [],
            new WorkOrderChanges(
                Route: move.Route,
                Closed: closes != lifecycle.Final.Contains(Status) ? closes : null,
                Grade: grade != Grade ? grade : null,
                RouteStatuses: move.Route is null ? null : move.RouteStatuses,
                CameUpFrom: move.CameUpFrom,
                Assignee: transition.Needs.HasFlag(ActionNeeds.Assignee) ? request.Assignee!.Trim() : null,
                Suggestion: move.Suggestion,
                Overridden: move.Suggestion is null ? null : move.Route![^1] != move.Suggestion.Unit,
                Finding: finding),
            transition.Needs.HasFlag(ActionNeeds.OccurredAt) ? request.OccurredAt : null);
        Apply(e);
        return e;
    }

    /// <summary>
    /// When the window of <paramref name="transition"/>, a step that reopens the closed order, shuts:
    /// its period counted from the closing in <paramref name="calendar"/>. Null for a step without one.
    /// </summary>
    public DateTimeOffset? WindowShutsAt(Transition transition, WorkingDayCalendar calendar) =>
        transition.Window is { } window && ClosedAt is { } closedAt ? calendar.Due(closedAt, window) : null;

    // The finding the action records: the one asked for, or the order's own kept; a responsible one names a unit.
    private (Responsibility? Finding, ActionRefusal? Refusal) Judge(WorkOrderAction request, BusinessType? type, OrgTree org)
    {
        var findings = type?.Findings ?? [];
        var known = string.Join(", ", findings.Select(f => f.Code));
        var code = NullIfBlank(request.Finding) ?? Finding;
        if (code is null)
            return (null, new ActionRefusal.InvalidField("finding", Problem.Required, $"'{request.Action}' needs a finding (one of: {known})"));
        if (type?.FindingOf(code) is not { } option)
            return (null, new ActionRefusal.InvalidField("finding", Problem.OneOf(code, findings.Select(f => f.Code)), $"unknown finding '{code}' (known: {known})"));
        var unit = NullIfBlank(request.FindingUnit);
        if (!option.Responsible)
        {
            return unit is null
                ? (new Responsibility(code, null), null)
                : (null, new ActionRefusal.InvalidField("findingUnit", Problem.HoldsNoUnit(code), $"the finding '{code}' holds no unit responsible"));
        }
        unit ??= FindingUnit;
        if (unit is null)
            return (null, new ActionRefusal.InvalidField("findingUnit", Problem.Required, $"the finding '{code}' needs the unit it holds responsible"));
        if (!org.Contains(unit))
            return (null, new ActionRefusal.InvalidField("findingUnit", Problem.UnknownUnit(unit), $"unknown org unit '{unit}'"));
        return (new Responsibility(code, unit), null);
    }

    // Where the transition takes the order along its route, and the status it lands in there.
    private Movement Move(Transition transition, WorkOrderAction request, OrgTree org, RoutingSuggestion? suggestion)
    {
        // Statuses recorded since the order was accepted line up with the route; an older order's do not.
        var recorded = RouteStatuses.Count == Route.Count - 1;
        var senderStatus = recorded && Route.Count > 1 ? RouteStatuses[^1] : null;
        IReadOnlyList<string> up = Route.Count > 1 ? Route.Take(Route.Count - 1).ToArray() : Route;
        IReadOnlyList<string> statusesUp = recorded && Route.Count > 1 ? RouteStatuses.Take(RouteStatuses.Count - 1).ToArray() : RouteStatuses;
        // A new way down or back starts a new review climb.
        IReadOnlyList<Hop>? climbForgotten = CameUpFrom.Count > 0 ? [] : null;

        if (transition.Needs.HasFlag(ActionNeeds.Unit))
        {
            if (string.IsNullOrWhiteSpace(request.Unit))
                return Movement.Refused("unit", Problem.Required, $"'{request.Action}' needs the unit the order goes to");
            if (!org.Contains(request.Unit))
                return Movement.Refused("unit", Problem.UnknownUnit(request.Unit), $"unknown org unit '{request.Unit}'");
            if (Route.Contains(request.Unit))
                return Movement.Refused("unit", Problem.AlreadyVisited(request.Unit), $"the order has already been with '{request.Unit}'");
            if (transition.WithinReach && !ForwardingReach.Allows(org, ResponsibleUnit, request.Unit))
                return Movement.Refused("unit", Problem.OutsideReach(request.Unit, ForwardingReach.RootOf(org, ResponsibleUnit)), $"'{ResponsibleUnit}' may send an order on only inside {ForwardingReach.RootOf(org, ResponsibleUnit)}'s subtree; '{request.Unit}' is outside it");
            if (suggestion is not null && suggestion.Unit != request.Unit && string.IsNullOrWhiteSpace(request.Reason))
                return Movement.Refused("reason", Problem.NotSuggested(request.Unit, suggestion.Unit, suggestion.Rule), $"'{request.Unit}' is not the suggested unit '{suggestion.Unit}' (rule '{suggestion.Rule}'): give a reason for choosing another");
            return new(transition.To, [.. Route, request.Unit], recorded ? [.. RouteStatuses, Status] : RouteStatuses, climbForgotten, suggestion);
        }
        if (transition.SendTo is { } decider)
        {
            return decider == ResponsibleUnit
                ? new(transition.To, null, null, null, null)
                : new(transition.To, [.. Route, decider], recorded ? [.. RouteStatuses, Status] : RouteStatuses, climbForgotten, null);
        }
        if (transition.ToSender)
        {
            if (Route.Count < 2)
                return Movement.Refused("action", Problem.NotSentOn, $"'{request.Action}': the order was not sent by another unit");
            return new(senderStatus ?? transition.To, up, statusesUp, climbForgotten, null);
        }
        if (transition.PassUp is { } awaitingReview && Route.Count > 1)
            return new(up.Count == 1 ? transition.To : awaitingReview, up, statusesUp, [.. CameUpFrom, new Hop(ResponsibleUnit, senderStatus)], null);
        if (transition.BackDown && CameUpFrom.Count > 0)
        {
            var down = CameUpFrom[^1];
            var statuses = recorded && down.SentFrom is { } sentFrom ? [.. RouteStatuses, sentFrom] : RouteStatuses;
            return new(transition.To, [.. Route, down.Unit], statuses, CameUpFrom.Take(CameUpFrom.Count - 1).ToArray(), null);
        }
        return new(transition.To, null, null, null, null);
    }

    /// <summary>
    /// A supervisor urges the order (<see cref="WorkOrderEvent.Urge"/>, 催办) or puts it under formal
    /// supervision (<see cref="WorkOrderEvent.Supervise"/>, 督办), saying why. The order stays where
    /// and as it is, flagged; a closed order is past urging, and supervision is put on once.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is neither.</exception>
    public ActionOutcome Oversee(string kind, string actor, string? reason, DateTimeOffset at)
    {
        if (kind is not (WorkOrderEvent.Urge or WorkOrderEvent.Supervise))
            throw new ArgumentException($"'{kind}' is neither urging nor supervising", nameof(kind));
        if (ClosedAt is not null)
            return new ActionRefusal.NotAllowedNow(kind, Status, []);
        if (string.IsNullOrWhiteSpace(reason))
            return new ActionRefusal.InvalidField("reason", Problem.Required, $"'{kind}' needs a reason");
        if (kind == WorkOrderEvent.Supervise && SupervisedAt is { } since)
            return new ActionRefusal.InvalidField("action", Problem.UnderSupervision(since), $"the order has been under supervision since {since:yyyy-MM-dd HH:mm} UTC");
        var e = new WorkOrderEvent(
            Id, Version + 1, kind, Status, Status, actor, at, null, reason.Trim(), [],
            kind == WorkOrderEvent.Urge ? new WorkOrderChanges(Urged: true) : new WorkOrderChanges(Supervised: true));
        Apply(e);
        return e;
    }

    /// <summary>Records what the system did to one of the order's clocks: a warning, a breach, a recount.</summary>
    /// <exception cref="ArgumentException">The change is one an action makes, not the system.</exception>
    public WorkOrderEvent RecordClock(ClockChange change, DateTimeOffset at)
    {
        var action = change.Kind switch
        {
            ClockChangeKind.Warned => WorkOrderEvent.ClockWarned,
            ClockChangeKind.Breached => WorkOrderEvent.ClockBreached,
            ClockChangeKind.Recounted => WorkOrderEvent.ClockRecounted,
            _ => throw new ArgumentException($"a {change.Kind} clock change comes with an action", nameof(change)),
        };
        var e = new WorkOrderEvent(
            Id, Version + 1, action, Status, Status, WorkOrderEvent.SystemActor, at, null, null, [], new WorkOrderChanges(Clocks: [change]));
        Apply(e);
        return e;
    }

    private void Apply(WorkOrderEvent e)
    {
        if (e.Changes.Intake is { } intake)
        {
            Id = e.WorkOrderId;
            Number = intake.Number;
            Type = intake.Type;
            Subtype = intake.Subtype;
            Channel = intake.Channel;
            Customer = intake.Customer;
            Content = intake.Content;
            Grade = intake.Grade;
            AcceptingUnit = intake.AcceptingUnit;
            RuleVersion = intake.RuleVersion;
            CreatedAt = e.At;
        }
        if (e.Changes.Route is { } route)
        {
            Route = route;
            ResponsibleUnit = route[^1];
            RouteStatuses = e.Changes.RouteStatuses ?? RouteStatuses;
            // The person assigned belongs to the unit the order has left.
            Assignee = null;
        }
        if (e.Changes.CameUpFrom is { } cameUpFrom)
            CameUpFrom = cameUpFrom;
        if (e.Changes.Assignee is { } assignee)
            Assignee = assignee;
        if (e.Changes.Grade is { } grade)
            Grade = grade;
        if (e.Changes.Finding is { } finding)
            (Finding, FindingUnit) = (finding.Finding, finding.Unit);
        if (e.Changes.Urged == true)
            Urges++;
        if (e.Changes.Supervised == true)
            SupervisedAt = e.At;
        if (e.Changes.Closed is { } closed)
            ClosedAt = closed ? e.At : null;
        Status = e.ToStatus;
        UpdatedAt = e.At;
        Version = e.Sequence;
    }

    private readonly record struct Movement(
        string To, IReadOnlyList<string>? Route, IReadOnlyList<string>? RouteStatuses, IReadOnlyList<Hop>? CameUpFrom, RoutingSuggestion? Suggestion)
    {
        public ActionRefusal? Refusal { get; private init; }

        public static Movement Refused(string field, Problem problem, string text) => new("", null, null, null, null) { Refusal = new ActionRefusal.InvalidField(field, problem, text) };
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
