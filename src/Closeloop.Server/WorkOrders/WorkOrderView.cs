using System.Text.Json.Serialization;
using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Complaints;
using Closeloop.Presets;
using Closeloop.Routing;
using Closeloop.Server.Clocks;
using Closeloop.Server.Routing;
using Closeloop.WorkOrders;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// A work order as the API shows it: the customer masked, the actions allowed now, where routing
/// suggests sending it while it waits to be sent on, and, when asked, its history.
/// </summary>
/// <param name="Finding">A complaint's responsibility finding (定责) and <paramref name="FindingUnit"/>, the unit it holds responsible.</param>
/// <param name="Windows">
/// For each step that may reopen the closed order (an appeal), the instant its window shuts, counted
/// from <paramref name="ClosedAt"/>; past instants too, so that a late appellant sees when it shut.
/// </param>
public sealed record WorkOrderView(
    Guid Id,
    string Number,
    string Type,
    string? Subtype,
    Channel Channel,
    CustomerView Customer,
    string Content,
    string? Grade,
    string? Finding,
    string? FindingUnit,
    string AcceptingUnit,
    string ResponsibleUnit,
    IReadOnlyList<string> Route,
    string? Assignee,
    SuggestionView? Suggestion,
    string Status,
    string RuleVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    int Version,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyDictionary<string, DateTimeOffset> Windows,
    bool Overdue,
    int Urges,
    DateTimeOffset? SupervisedAt,
    IReadOnlyList<ClockView>? Clocks,
    IReadOnlyList<EventView>? History)
{
    /// <param name="calendar">The accepting unit's calendar, which counts the windows of the steps that reopen a closed order.</param>
    public static WorkOrderView Of(
        WorkOrder order, Lifecycle lifecycle, Rulebook rulebook, WorkingDayCalendar calendar, IEnumerable<WorkOrderEvent>? history = null,
        IReadOnlyList<ClockView>? clocks = null) => new(
        order.Id, order.Number, order.Type, order.Subtype, order.Channel, CustomerView.Masked(order.Customer), order.Content, order.Grade,
        order.Finding, order.FindingUnit, order.AcceptingUnit, order.ResponsibleUnit, order.Route, order.Assignee, SuggestionView.Of(SuggestionWhileWaiting(order, lifecycle, rulebook), rulebook),
        order.Status, order.RuleVersion, order.CreatedAt, order.UpdatedAt,
        order.ClosedAt, order.Version, order.AllowedActions(lifecycle), WindowsOf(order, lifecycle, calendar), clocks?.Any(c => c.Overdue) ?? false, order.Urges, order.SupervisedAt,
        clocks, history is null ? null : EventView.ListOf(history));

    private static Dictionary<string, DateTimeOffset> WindowsOf(WorkOrder order, Lifecycle lifecycle, WorkingDayCalendar calendar) =>
        lifecycle.Transitions.Where(t => t.From == order.Status && order.WindowShutsAt(t, calendar) is not null)
            .ToDictionary(t => t.Action, t => order.WindowShutsAt(t, calendar)!.Value);

    // Only an order whose next step may send it to a unit (dispatch, forward) is waiting for one.
    private static RoutingSuggestion? SuggestionWhileWaiting(WorkOrder order, Lifecycle lifecycle, Rulebook rulebook) =>
        lifecycle.Transitions.Any(t => t.From == order.Status && t.Needs.HasFlag(ActionNeeds.Unit)) ? rulebook.Routing.SuggestFor(order) : null;

    /// <summary>The version as an HTTP entity tag, for If-Match.</summary>
    [JsonIgnore]
    public string ETag => $"\"{Version}\"";
}

/// <summary>The customer, masked unless <see cref="Unmasked"/> says otherwise.</summary>
public sealed record CustomerView(string Name, string Phone, string? CustomerNumber, string? Address, string? AreaCode, string? Class, bool Unmasked)
{
    public static CustomerView Masked(Customer customer)
    {
        var masked = customer.Masked();
        return new(masked.Name, customer.Phone.Masked(), customer.CustomerNumber, masked.Address, customer.AreaCode, customer.Class, false);
    }

    public static CustomerView Plain(Customer customer) =>
        new(customer.Name, customer.Phone.Value, customer.CustomerNumber, customer.Address, customer.AreaCode, customer.Class, true);
}

/// <summary>
/// One step of the history: who did what and why, and where it left the order (the responsible unit
/// after it, the unit it came from when it moved). Personal data taken at intake is not repeated here.
/// </summary>
/// <param name="SuggestedUnit">Where routing suggested sending the order, for a step that sent it to a unit.</param>
/// <param name="OverrodeSuggestion">True when the step sent the order elsewhere than suggested (with the reason).</param>
/// <param name="Finding">The responsibility finding the step recorded or changed, and the unit it holds responsible.</param>
public sealed record EventView(
    int Sequence,
    string Action,
    string? FromStatus,
    string ToStatus,
    string Actor,
    DateTimeOffset At,
    string? Comment,
    string? Reason,
    string? FromUnit,
    string ResponsibleUnit,
    string? Assignee,
    string? Grade,
    DateTimeOffset? OccurredAt,
    string? SuggestedUnit,
    string? SuggestionRule,
    bool? OverrodeSuggestion,
    Responsibility? Finding,
    IReadOnlyList<ClockChange>? Clocks,
    IReadOnlyList<Attachment> Attachments)
{
    /// <summary>The history in order, each step with the responsible unit it left the order with.</summary>
    public static IReadOnlyList<EventView> ListOf(IEnumerable<WorkOrderEvent> history)
    {
        var views = new List<EventView>();
        string? responsible = null;
        foreach (var e in history)
        {
            var before = responsible;
            responsible = e.Changes.Route?[^1] ?? responsible ?? "";
            views.Add(new(
                e.Sequence, e.Action, e.FromStatus, e.ToStatus, e.Actor, e.At, e.Comment, e.Reason,
                before is not null && before != responsible ? before : null, responsible, e.Changes.Assignee, e.Changes.Grade, e.OccurredAt,
                e.Changes.Suggestion?.Unit, e.Changes.Suggestion?.Rule, e.Changes.Overridden, e.Changes.Finding, e.Changes.Clocks, e.Attachments));
        }
        return views;
    }
}
