using Closeloop.Presets;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>The people an order page names: the actors of its history, and those it may be assigned to.</summary>
internal static class OrderPeople
{
    /// <summary>Display names by sign-in name, for the names that belong to an account.</summary>
    public static async Task<Dictionary<string, string>> DisplayNamesAsync(CloseloopDb db, IEnumerable<string?> userNames, CancellationToken cancellationToken)
    {
        var wanted = userNames.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.UserName))
            .ToDictionaryAsync(u => u.UserName, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Who an order held by <paramref name="unit"/> may be assigned to: the active people of that unit
    /// and below, as the assign step checks them.
    /// </summary>
    public static async Task<List<(string UserName, string DisplayName)>> AssignableAsync(
        CloseloopDb db, Rulebook rulebook, string unit, CancellationToken cancellationToken)
    {
        var units = rulebook.Org.SubtreeOf(unit);
        var people = await db.Users.AsNoTracking().Where(u => u.DisabledAt == null && units.Contains(u.Unit))
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. people.OrderBy(p => p.UserName, StringComparer.Ordinal).Select(p => (p.UserName, p.DisplayName))];
    }
}
