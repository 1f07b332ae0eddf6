using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// The earlier orders of the number calling in, for the agent during the call: open ones first, so
/// a customer chasing an order is not accepted twice. The phone travels in the body, never in a URL
/// that access logs keep; the answer shows every customer masked.
/// </summary>
public static class CallerHistory
{
    public const int MaxOrders = 20;

    public sealed record Request(string? Phone);

    /// <param name="Open">Orders not yet archived, newest first.</param>
    /// <param name="Earlier">Closed orders, newest first, up to <see cref="MaxOrders"/> in all.</param>
    public sealed record Answer(string Phone, IReadOnlyList<ListWorkOrders.Summary> Open, IReadOnlyList<ListWorkOrders.Summary> Earlier);

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.AcceptOrders) && !authority.May(Right.ReadOrders))
            return Refusals.Forbidden("A caller's earlier orders are for people who accept or read orders.");
        var errors = new FieldErrors();
        PhoneNumber phone = default;
        if (errors.Required("phone", request.Phone) is { } text && !PhoneNumber.TryParse(text, out phone))
            errors.Add("phone", Problem.PhoneNumber(text), $"'{text}' is not a mainland China mobile or fixed-line number");
        if (errors.Any)
            return errors.ToProblem();

        // Read a few more than shown: some may lie outside the person's part of the tree.
        var orders = (await db.WorkOrders.AsNoTracking()
                .Where(o => o.Customer.Phone == phone)
                .OrderByDescending(o => o.CreatedAt)
                .Take(MaxOrders * 3)
                .ToListAsync(cancellationToken))
            .Where(o => authority.Sees(o, o.Route))
            .Take(MaxOrders)
            .ToList();
        var rows = await ListWorkOrders.SummariesAsync(orders, db, cancellationToken);
        return TypedResults.Ok(new Answer(phone.Masked(), [.. rows.Where(r => r.ClosedAt is null)], [.. rows.Where(r => r.ClosedAt is not null)]));
    }
}
