using Closeloop.Org;

namespace Closeloop.Routing;

/// <summary>
/// Where a unit may forward (转派) an order: only inside its own subtree. A department or a service
/// centre acts for its company (a province centre forwards to the company's cities and counties, a
/// county's marketing department to the county's O&amp;M department), so its subtree is its company's.
/// </summary>
public static class ForwardingReach
{
    /// <summary>The unit whose subtree <paramref name="unit"/> may forward into.</summary>
    public static string RootOf(OrgTree org, string unit)
    {
        var path = org.PathOf(unit);
        if (org.Find(unit)?.Kind is not (OrgUnitKind.Department or OrgUnitKind.ServiceCentre))
            return unit;
        for (var i = path.Count - 2; i >= 0; i--)
        {
            if (org.Find(path[i])?.Kind is OrgUnitKind.Headquarters or OrgUnitKind.Province or OrgUnitKind.City or OrgUnitKind.County)
                return path[i];
        }
        return unit;
    }

    public static bool Allows(OrgTree org, string from, string to) => to != from && org.IsWithin(to, RootOf(org, from));
}
