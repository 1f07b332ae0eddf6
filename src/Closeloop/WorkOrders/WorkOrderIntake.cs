namespace Closeloop.WorkOrders;

/// <summary>What was taken down when the request was accepted (受理): the first event holds all of it.</summary>
public sealed record WorkOrderIntake(
    string Number,
    string Type,
    string? Subtype,
    Channel Channel,
    Customer Customer,
    string Content,
    string? Grade,
    string AcceptingUnit,
    string RuleVersion);
