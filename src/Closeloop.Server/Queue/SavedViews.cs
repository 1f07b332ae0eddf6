using Closeloop.Problems;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Queue;

/// <summary>A person's saved queue views: list, save (a name for the filters in force), delete. Each sees only their own.</summary>
public static class SavedViews
{
    public const int MaxNameLength = 60;
    public const int MaxQueryLength = 500;
    public const int MaxPerPerson = 30;

    /// <summary>The queue filters a view may hold: the names of <see cref="MyWork.Query"/> but the limit.</summary>
    public static readonly IReadOnlySet<string> Filters = new HashSet<string>(StringComparer.Ordinal) { "mine", "type", "status", "overdue", "dueWithinMinutes", "q" };

    public sealed record Request(string? Name, string? Query);

    public sealed record View(Guid Id, string Name, string Query, DateTimeOffset CreatedAt);

    public static async Task<Ok<List<View>>> List(HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var me = http.Authority(rulebooks.Current).Person.UserName;
        var views = await db.SavedViews.AsNoTracking().Where(v => v.UserName == me).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(views.Select(v => new View(v.Id, v.Name, v.Query, v.CreatedAt)).ToList());
    }

    /// <summary>Saves the filters under a name; saving a name again replaces its filters.</summary>
    public static async Task<Results<Ok<View>, ValidationProblem>> Save(
        Request request, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = http.Authority(rulebooks.Current).Person.UserName;
        var errors = new FieldErrors();
        var name = errors.MaxLength("name", errors.Required("name", request.Name), MaxNameLength);
        var query = Normalize(request.Query, errors);
        if (errors.Any)
            return errors.ToProblem();

        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.UserName == me && v.Name == name, cancellationToken);
        if (view is null)
        {
            if (await db.SavedViews.CountAsync(v => v.UserName == me, cancellationToken) >= MaxPerPerson)
            {
                errors.Add("name", Problem.MaxCount(MaxPerPerson), $"you have {MaxPerPerson} saved views already; delete one first");
                return errors.ToProblem();
            }
            view = new SavedView { Id = Guid.CreateVersion7(clock.GetUtcNow()), UserName = me, Name = name!, Query = query, CreatedAt = clock.GetUtcNow() };
            db.SavedViews.Add(view);
        }
        else
        {
            view.Query = query;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            // Saved twice at once (a double click): the other request stored the same name.
            errors.Add("name", Problem.Taken(name!), $"a view called '{name}' was saved at the same moment; reload to see it");
            return errors.ToProblem();
        }
        return TypedResults.Ok(new View(view.Id, view.Name, view.Query, view.CreatedAt));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var me = http.Authority(rulebooks.Current).Person.UserName;
        var deleted = await db.SavedViews.Where(v => v.Id == id && v.UserName == me).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    // Only the queue's own filters, each once, in a stable order: a view is a queue link, nothing else.
    private static string Normalize(string? text, FieldErrors errors)
    {
        if (errors.MaxLength("query", text, MaxQueryLength) is not { } query)
            return "";
        var parsed = QueryHelpers.ParseQuery(query.TrimStart('?'));
        foreach (var key in parsed.Keys.Where(k => !Filters.Contains(k)))
            errors.Add("query", Problem.OneOf(key, Filters), $"'{key}' is not a queue filter (known: {string.Join(", ", Filters)})");
        var kept = parsed.Where(p => Filters.Contains(p.Key) && !string.IsNullOrWhiteSpace(p.Value.ToString()))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}");
        return string.Join('&', kept);
    }
}
