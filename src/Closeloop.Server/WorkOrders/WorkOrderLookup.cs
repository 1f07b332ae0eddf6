using Closeloop.People;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>Finds an order by the key in a URL: its id, or its number as people say it.</summary>
internal static class WorkOrderLookup
{
    public static Task<WorkOrder?> FindByKeyAsync(this IQueryable<WorkOrder> orders, string key, CancellationToken cancellationToken) =>
        Guid.TryParse(key, out var id)
            ? orders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            : orders.SingleOrDefaultAsync(o => o.Number == key, cancellationToken);

    /// <summary>
    /// Whether <paramref name="authority"/>'s person sees the order: by where it is now, or else by
    /// every unit its history went through (a county still sees the answer it sent up).
    /// </summary>
    public static async Task<bool> IsSeenByAsync(this CloseloopDb db, WorkOrder order, Authority authority, CancellationToken cancellationToken) =>
        authority.Sees(order, order.Route)
        || authority.Sees(order, (await db.HistoryAsync(order.Id, cancellationToken)).SelectMany(e => e.Changes.Route ?? []));

    public static Task<List<WorkOrderEvent>> HistoryAsync(this CloseloopDb db, Guid id, CancellationToken cancellationToken) =>
        db.WorkOrderEvents.AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
}
