using Closeloop.Org;

namespace Closeloop.Server.Storage;

/// <summary>An org unit as the database keeps it, so that orders and reports can join on units.</summary>
public sealed class StoredOrgUnit
{
    public required string Code { get; set; }
    public string? ParentCode { get; set; }
    public OrgUnitKind Kind { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string AreaCodes { get; set; }

    /// <summary>Codes from the root down, joined by '/', so a subtree is one prefix match.</summary>
    public required string Path { get; set; }
}
