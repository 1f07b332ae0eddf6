using Closeloop.Presets;

namespace Closeloop.Org;

/// <summary>A unit of the organisation tree (组织单位): a company, a department, a crew, a business hall.</summary>
public sealed record OrgUnit(
    string Code,
    string? ParentCode,
    OrgUnitKind Kind,
    Label Name,
    IReadOnlyList<string> AreaCodes);
