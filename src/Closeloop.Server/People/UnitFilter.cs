using Closeloop.Org;
using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.People;

/// <summary>
/// The units a list or count covers: one unit, or with <c>subtree=true</c> the unit and everything
/// below it; with no unit asked for, the person's whole subtree. A unit outside it is not found.
/// </summary>
internal static class UnitFilter
{
    /// <param name="Units">The units to cover; null for the whole tree.</param>
    /// <param name="Asked">A unit was asked for (rather than the person's whole subtree).</param>
    /// <param name="Refusal">The answer to give instead: the unit asked for is outside the person's subtree.</param>
    public sealed record Scope(List<string>? Units, bool Asked, ProblemHttpResult? Refusal);

    /// <returns>The scope; an error in <paramref name="errors"/> for an unknown unit.</returns>
    public static Scope Resolve(OrgTree org, string? unit, bool? subtree, Authority authority, HttpContext http, FieldErrors errors)
    {
        if (unit is null)
            return new(authority.ListScope()?.ToList(), false, null);
        if (!org.Contains(unit))
        {
            errors.Add("unit", Problem.UnknownUnit(unit), $"unknown org unit '{unit}'");
            return new([], true, null);
        }
        if (!authority.Covers(unit))
            return new([], true, Refusals.Hidden(http, $"unit:{unit}", NoSuchUnit(unit)));
        return new(subtree == true ? [.. org.SubtreeOf(unit)] : [unit], true, null);
    }

    public static ProblemHttpResult NoSuchUnit(string unit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such unit", detail: $"No unit '{unit}' in your part of the organisation.");
}
