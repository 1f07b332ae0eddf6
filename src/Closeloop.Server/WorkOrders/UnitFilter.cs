using Closeloop.Org;
using Closeloop.Server.Problems;

namespace Closeloop.Server.WorkOrders;

/// <summary>The units a list or count covers: one unit, or with <c>subtree=true</c> the unit and everything below it.</summary>
internal static class UnitFilter
{
    /// <returns>Null when no unit was asked for (everything); an error for an unknown unit.</returns>
    public static List<string>? Resolve(OrgTree org, string? unit, bool? subtree, FieldErrors errors)
    {
        if (unit is null)
            return null;
        if (!org.Contains(unit))
        {
            errors.Add("unit", $"unknown org unit '{unit}'");
            return null;
        }
        return subtree == true ? [.. org.SubtreeOf(unit)] : [unit];
    }
}
