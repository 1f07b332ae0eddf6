using System.Text.Json.Serialization;
using Closeloop.Clocks;
using Closeloop.Server.Clocks;
using Closeloop.WorkOrders;

namespace Closeloop.Server.WorkOrders;

/// <summary>A work order as the API shows it: the customer masked, the actions allowed now, and, when asked, its history.</summary>
public sealed record WorkOrderView(
    Guid Id,
    string Number,
    string Type,
    string? Subtype,
    Channel Channel,
    CustomerView Customer,
    string Content,
    string? Grade,
    string AcceptingUnit,
    string ResponsibleUnit,
    IReadOnlyList<string> Route,
    string Status,
    string RuleVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    int Version,
    IReadOnlyList<string> AllowedActions,
    bool Overdue,
    IReadOnlyList<ClockView>? Clocks,
    IReadOnlyList<EventView>? History)
{
    public static WorkOrderView Of(
        WorkOrder order, Lifecycle lifecycle, IEnumerable<WorkOrderEvent>? history = null, IReadOnlyList<ClockView>? clocks = null) => new(
        order.Id, order.Number, order.Type, order.Subtype, order.Channel, CustomerView.Masked(order.Customer), order.Content, order.Grade,
        order.AcceptingUnit, order.ResponsibleUnit, order.Route, order.Status, order.RuleVersion, order.CreatedAt, order.UpdatedAt,
        order.ClosedAt, order.Version, order.AllowedActions(lifecycle), clocks?.Any(c => c.Overdue) ?? false,
        clocks, history?.Select(EventView.Of).ToList());

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

/// <summary>One step of the history. Personal data taken at intake is not repeated here.</summary>
public sealed record EventView(
    int Sequence,
    string Action,
    string? FromStatus,
    string ToStatus,
    string Actor,
    DateTimeOffset At,
    string? Comment,
    string? Reason,
    string? ResponsibleUnit,
    string? Grade,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<ClockChange>? Clocks,
    IReadOnlyList<Attachment> Attachments)
{
    public static EventView Of(WorkOrderEvent e) =>
        new(e.Sequence, e.Action, e.FromStatus, e.ToStatus, e.Actor, e.At, e.Comment, e.Reason, e.Changes.Route?[^1], e.Changes.Grade,
            e.OccurredAt, e.Changes.Clocks, e.Attachments);
}
