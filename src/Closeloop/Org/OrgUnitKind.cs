namespace Closeloop.Org;

/// <summary>What an org unit is; routing and roles depend on it.</summary>
public enum OrgUnitKind
{
    Headquarters,
    ServiceCentre,
    Province,
    City,
    County,
    Department,
    Crew,
    BusinessHall,
}
