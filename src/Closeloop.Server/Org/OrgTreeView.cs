namespace Closeloop.Server.Org;

/// <summary>The org tree in force for new orders: its rule version, who made it current, when and why, and every unit.</summary>
internal sealed record OrgTreeView(
    string RuleVersion,
    string? ChangedBy,
    DateTimeOffset? ChangedAt,
    string? Reason,
    IReadOnlyList<OrgUnitView> Units);
