using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.Audit;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Closeloop.Server.People;

/// <summary>
/// A person's API tokens: made with their password (the token is shown once), listed without the
/// secret, revoked at will. And who the caller is, with what they may do.
/// </summary>
public static class PersonalTokens
{
    public sealed record IssueRequest(string? UserName, string? Password, string? Name, int? ExpiresInDays);

    public sealed record Issued(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

    public sealed record TokenView(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

    public sealed record Caller(string UserName, string DisplayName, string Unit, IReadOnlyList<string> Roles, IReadOnlyList<string> Rights, IReadOnlyList<string> Actions);

    public const int MaxDays = 366;

    public static async Task<Results<Created<Issued>, ValidationProblem, ProblemHttpResult>> Issue(
        IssueRequest? request, CloseloopDb db, SignInPolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var userName = errors.MaxLength("userName", errors.Required("userName", request?.UserName), 64);
        var password = errors.MaxLength("password", errors.Required("password", request?.Password), 200);
        var name = errors.MaxLength("name", errors.Required("name", request?.Name), 100);
        if (request?.ExpiresInDays is < 1 or > MaxDays)
            errors.Add("expiresInDays", Problem.Range(1, MaxDays), $"must be 1 to {MaxDays}");
        if (errors.Any)
            return errors.ToProblem();

        var now = clock.GetUtcNow();
        var outcome = await SignIn.CheckAsync(db, userName!, password!, policy, now, cancellationToken);
        if (outcome is not SignIn.Outcome.SignedIn(var user))
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: ((SignIn.Outcome.Refused)outcome).Problem);

        var secret = Passwords.NewToken();
        var token = new PersonalToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            Name = name!,
            Hash = Passwords.TokenHash(secret),
            Hint = secret[^4..],
            CreatedAt = now,
            ExpiresAt = request!.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.PersonalTokens.Add(token);
        db.Record(user.UserName, user.Unit, "token.create", $"person:{user.UserName}", now, $"token '{token.Name}' …{token.Hint}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/auth/tokens/{token.Id}", new Issued(token.Id, token.Name, secret, token.ExpiresAt));
    }

    public static async Task<Ok<List<TokenView>>> List(HttpContext http, CloseloopDb db, CancellationToken cancellationToken)
    {
        var userId = Claims.UserIdOf(http.User);
        var tokens = await db.PersonalTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, HttpContext http, CloseloopDb db, Rulebooks rulebooks, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = Claims.UserIdOf(http.User);
        var token = await db.PersonalTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such token", detail: $"You have no token '{id}'.");
        if (token.RevokedAt is null)
        {
            var now = clock.GetUtcNow();
            token.RevokedAt = now;
            var person = http.Authority(rulebooks.Current).Person;
            db.Record(person, "token.revoke", $"person:{person.UserName}", now, $"token '{token.Name}' …{token.Hint}");
            await db.SaveChangesAsync(cancellationToken);
            TokenAuthentication.Forget(cache, token.Hash);
        }
        return TypedResults.NoContent();
    }

    public static Ok<Caller> WhoAmI(HttpContext http, Rulebooks rulebooks)
    {
        var rulebook = rulebooks.Current;
        var authority = http.Authority(rulebook);
        var person = authority.Person;
        return TypedResults.Ok(new Caller(
            person.UserName, person.DisplayName, person.Unit, person.Roles,
            [.. Enum.GetValues<Right>().Where(authority.May).Select(p => char.ToLowerInvariant(p.ToString()[0]) + p.ToString()[1..])],
            [.. rulebook.Actions.Select(a => a.Code).Where(authority.MayTake)]));
    }
}
