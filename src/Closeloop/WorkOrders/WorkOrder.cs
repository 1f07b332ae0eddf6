using Closeloop.Clocks;
using Closeloop.Org;
using Closeloop.Presets;

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

    /// <summary>The unit that accepted the request; its rules apply to the order.</summary>
    public string AcceptingUnit { get; private set; } = "";

    /// <summary>The unit that must act now: the last of <see cref="Route"/>.</summary>
    public string ResponsibleUnit { get; private set; } = "";

    /// <summary>The units the order went down, from the accepting unit to the responsible one.</summary>
    public IReadOnlyList<string> Route { get; private set; } = [];

    public string Status { get; private set; } = "";

    /// <summary>The rules the order was accepted under; a later preset change does not touch it.</summary>
    public string RuleVersion { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the order reached a final status (archived); null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

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
    /// <param name="grades">The grades of the order's business type, for an action that grades it.</param>
    public ActionOutcome Perform(WorkOrderAction request, Lifecycle lifecycle, OrgTree org, DateTimeOffset at, IReadOnlyList<CodedLabel>? grades = null)
    {
        var transition = lifecycle.Find(request.Action, Status);
        if (transition is null)
            return new ActionRefusal.NotAllowedNow(request.Action, Status, AllowedActions(lifecycle));

        if (transition.Needs.HasFlag(ActionNeeds.Reason) && string.IsNullOrWhiteSpace(request.Reason))
            return new ActionRefusal.InvalidField("reason", $"'{request.Action}' needs a reason");
        if (transition.Needs.HasFlag(ActionNeeds.Comment) && string.IsNullOrWhiteSpace(request.Comment))
            return new ActionRefusal.InvalidField("comment", $"'{request.Action}' needs a comment");

        string? grade = null;
        if (transition.Needs.HasFlag(ActionNeeds.Grade))
        {
            var known = grades ?? [];
            if (string.IsNullOrWhiteSpace(request.Grade ?? Grade))
                return new ActionRefusal.InvalidField("grade", $"'{request.Action}' needs a grade (one of: {string.Join(", ", known.Select(g => g.Code))})");
            grade = request.Grade ?? Grade;
            if (!known.Any(g => g.Code == grade))
                return new ActionRefusal.InvalidField("grade", $"unknown grade '{grade}' (known: {string.Join(", ", known.Select(g => g.Code))})");
        }
        if (transition.Needs.HasFlag(ActionNeeds.OccurredAt))
        {
            if (request.OccurredAt is not { } occurred)
                return new ActionRefusal.InvalidField("occurredAt", $"'{request.Action}' needs the time it happened");
            if (occurred > at)
                return new ActionRefusal.InvalidField("occurredAt", "cannot be in the future");
            if (occurred < UpdatedAt)
                return new ActionRefusal.InvalidField("occurredAt", "cannot be before the order's previous step");
        }

        IReadOnlyList<string>? route = null;
        if (transition.Needs.HasFlag(ActionNeeds.Unit))
        {
            if (string.IsNullOrWhiteSpace(request.Unit))
                return new ActionRefusal.InvalidField("unit", $"'{request.Action}' needs the unit the order goes to");
            if (!org.Contains(request.Unit))
                return new ActionRefusal.InvalidField("unit", $"unknown org unit '{request.Unit}'");
            if (Route.Contains(request.Unit))
                return new ActionRefusal.InvalidField("unit", $"the order has already been with '{request.Unit}'");
            route = [.. Route, request.Unit];
        }
        else if (transition.ToSender)
        {
            if (Route.Count < 2)
                return new ActionRefusal.InvalidField("action", $"'{request.Action}': the order was not sent by another unit");
            route = Route.Take(Route.Count - 1).ToArray();
        }

        var e = new WorkOrderEvent(
            Id, Version + 1, request.Action, Status, transition.To, request.Actor, at,
            NullIfBlank(request.Comment), NullIfBlank(request.Reason), request.Attachments ?? [],
            new WorkOrderChanges(Route: route, Closed: lifecycle.Final.Contains(transition.To) ? true : null, Grade: grade != Grade ? grade : null),
            transition.Needs.HasFlag(ActionNeeds.OccurredAt) ? request.OccurredAt : null);
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
        }
        if (e.Changes.Grade is { } grade)
            Grade = grade;
        if (e.Changes.Closed is { } closed)
            ClosedAt = closed ? e.At : null;
        Status = e.ToStatus;
        UpdatedAt = e.At;
        Version = e.Sequence;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
