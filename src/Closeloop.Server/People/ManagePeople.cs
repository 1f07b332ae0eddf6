using System.Text.RegularExpressions;
using Closeloop.People;
using Closeloop.Presets;
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
/// An administrator's work on people of their subtree: add them with a unit and roles, change
/// those, unlock, reset a password, disable. A generated password is shown once, to the administrator.
/// </summary>
public static partial class ManagePeople
{
    public sealed record PersonView(
        string UserName, string DisplayName, string Unit, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil,
        bool Disabled);

    public sealed record CreateRequest(string? UserName, string? DisplayName, string? Unit, List<string>? Roles, string? Password);

    public sealed record ChangeRequest(string? DisplayName, string? Unit, List<string>? Roles);

    /// <param name="Password">Only when the server generated it: shown this once.</param>
    public sealed record Saved(PersonView Person, string? Password);

    public static async Task<Results<Ok<List<PersonView>>, ProblemHttpResult>> List(
        string? unit, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ManagePeople))
            return Forbidden();
        var scope = unit is null ? rulebooks.Current.Org.SubtreeOf(authority.Person.Unit) : [unit];
        if (unit is not null && !authority.Covers(unit))
            return Refusals.Hidden(http, $"unit:{unit}", UnitFilter.NoSuchUnit(unit));
        var people = await db.Users.AsNoTracking().Where(u => scope.Contains(u.Unit)).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return TypedResults.Ok(people.Select(View).ToList());
    }

    public static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Get(
        string userName, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ManagePeople))
            return Forbidden();
        var user = await FindAsync(db, userName, authority, http, cancellationToken);
        return user is null ? NoSuchPerson(userName) : TypedResults.Ok(View(user));
    }

    public static async Task<Results<Created<Saved>, ValidationProblem, ProblemHttpResult>> Create(
        CreateRequest? request, HttpContext http, CloseloopDb db, Rulebooks rulebooks, SignInPolicy policy, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var rulebook = rulebooks.Current;
        var authority = http.Authority(rulebook);
        if (!authority.May(Right.ManagePeople))
            return Forbidden();
        var errors = new FieldErrors();
        var userName = errors.Required("userName", request?.UserName)?.ToLowerInvariant();
        if (userName is not null && !UserNameRegex().IsMatch(userName))
            errors.Add("userName", Problem.UserNameFormat, "must be 2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter");
        var displayName = errors.MaxLength("displayName", errors.Required("displayName", request?.DisplayName), 100);
        var unit = Unit(errors, request?.Unit, authority, rulebook);
        var roles = Roles(errors, request?.Roles, rulebook);
        var password = request?.Password;
        if (password is not null && password.Length < policy.MinPasswordLength)
            errors.Add("password", Problem.MinLength(policy.MinPasswordLength), $"must be at least {policy.MinPasswordLength} characters");
        errors.MaxLength("password", password, 200);
        if (userName is not null && await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
            errors.Add("userName", Problem.Taken(userName), $"'{userName}' is taken");
        if (errors.Any)
            return errors.ToProblem();

        var now = clock.GetUtcNow();
        var generated = password is null ? Passwords.Generate() : null;
        var user = New(userName!, displayName!, unit!, roles!, password ?? generated!, now);
        db.Users.Add(user);
        db.Record(authority.Person, "person.create", $"person:{user.UserName}", now, $"unit {user.Unit}, roles {user.Roles}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/people/{user.UserName}", new Saved(View(user), generated));
    }

    public static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Change(
        string userName, ChangeRequest? request, HttpContext http, CloseloopDb db, Rulebooks rulebooks, IMemoryCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var rulebook = rulebooks.Current;
        var authority = http.Authority(rulebook);
        if (!authority.May(Right.ManagePeople))
            return Forbidden();
        var user = await FindAsync(db, userName, authority, http, cancellationToken);
        if (user is null)
            return NoSuchPerson(userName);
        var errors = new FieldErrors();
        var displayName = errors.MaxLength("displayName", request?.DisplayName, 100);
        var unit = request?.Unit is null ? null : Unit(errors, request.Unit, authority, rulebook);
        var roles = request?.Roles is null ? null : Roles(errors, request.Roles, rulebook);
        if (errors.Any)
            return errors.ToProblem();

        var before = $"unit {user.Unit}, roles {user.Roles}";
        user.DisplayName = string.IsNullOrWhiteSpace(displayName) ? user.DisplayName : displayName.Trim();
        user.Unit = unit ?? user.Unit;
        user.Roles = roles is null ? user.Roles : string.Join(',', roles);
        var now = clock.GetUtcNow();
        db.Record(authority.Person, "person.change", $"person:{user.UserName}", now, $"{before} → unit {user.Unit}, roles {user.Roles}");
        await db.SaveChangesAsync(cancellationToken);
        await ForgetTokensAsync(db, cache, user.Id, cancellationToken);
        return TypedResults.Ok(View(user));
    }

    public static async Task<Results<Ok<Saved>, ProblemHttpResult>> Unlock(
        string userName, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, CancellationToken cancellationToken) =>
        await UpdateAsync(userName, "person.unlock", http, db, rulebooks, clock, user =>
        {
            user.LockedUntil = null;
            user.FailedSignIns = 0;
            return null;
        }, cancellationToken);

    public static async Task<Results<Ok<Saved>, ProblemHttpResult>> ResetPassword(
        string userName, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, CancellationToken cancellationToken) =>
        await UpdateAsync(userName, "person.resetPassword", http, db, rulebooks, clock, user =>
        {
            var password = Passwords.Generate();
            user.PasswordHash = Passwords.Hash(user, password);
            user.LockedUntil = null;
            user.FailedSignIns = 0;
            return password;
        }, cancellationToken);

    public static async Task<Results<Ok<Saved>, ProblemHttpResult>> Disable(
        string userName, HttpContext http, CloseloopDb db, Rulebooks rulebooks, IMemoryCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        Guid? disabled = null;
        var result = await UpdateAsync(userName, "person.disable", http, db, rulebooks, clock, user =>
        {
            user.DisabledAt ??= clock.GetUtcNow();
            disabled = user.Id;
            return null;
        }, cancellationToken);
        if (disabled is { } id)
            await ForgetTokensAsync(db, cache, id, cancellationToken);
        return result;
    }

    /// <summary>A new account; the password is hashed here and never stored in clear.</summary>
    public static UserAccount New(string userName, string displayName, string unit, IEnumerable<string> roles, string password, DateTimeOffset now)
    {
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(now),
            UserName = userName.ToLowerInvariant(),
            DisplayName = displayName,
            Unit = unit,
            Roles = string.Join(',', roles),
            PasswordHash = "",
            CreatedAt = now,
        };
        user.PasswordHash = Passwords.Hash(user, password);
        return user;
    }

    private static async Task<Results<Ok<Saved>, ProblemHttpResult>> UpdateAsync(
        string userName, string action, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, Func<UserAccount, string?> change,
        CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ManagePeople))
            return Forbidden();
        var user = await FindAsync(db, userName, authority, http, cancellationToken);
        if (user is null)
            return NoSuchPerson(userName);
        var password = change(user);
        db.Record(authority.Person, action, $"person:{user.UserName}", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Saved(View(user), password));
    }

    // Someone outside the administrator's subtree is as unknown to them as someone who does not exist.
    private static async Task<UserAccount?> FindAsync(
        CloseloopDb db, string userName, Authority authority, HttpContext http, CancellationToken cancellationToken)
    {
        var name = userName.ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null || authority.Covers(user.Unit))
            return user;
        Refusals.Hidden(http, $"person:{user.UserName}", NoSuchPerson(userName));
        return null;
    }

    private static async Task ForgetTokensAsync(CloseloopDb db, IMemoryCache cache, Guid userId, CancellationToken cancellationToken)
    {
        foreach (var hash in await db.PersonalTokens.Where(t => t.UserId == userId).Select(t => t.Hash).ToListAsync(cancellationToken))
            TokenAuthentication.Forget(cache, hash);
    }

    private static string? Unit(FieldErrors errors, string? unit, Authority authority, Rulebook rulebook)
    {
        var code = errors.Required("unit", unit);
        if (code is null)
            return null;
        if (!rulebook.Org.Contains(code) || !authority.Covers(code))
        {
            errors.Add("unit", Problem.OutsideScope(code), $"no unit '{code}' in your part of the organisation");
            return null;
        }
        return code;
    }

    private static List<string>? Roles(FieldErrors errors, List<string>? roles, Rulebook rulebook)
    {
        if (roles is null or { Count: 0 })
        {
            errors.Add("roles", Problem.Required, "at least one role is required");
            return null;
        }
        var unknown = roles.Where(r => !rulebook.Roles.ContainsKey(r)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("roles", Problem.OneOf(string.Join(", ", unknown), rulebook.Roles.Keys), $"unknown role(s) {string.Join(", ", unknown)} (known: {string.Join(", ", rulebook.Roles.Keys)})");
            return null;
        }
        return [.. roles.Distinct()];
    }

    private static PersonView View(UserAccount user) =>
        new(user.UserName, user.DisplayName, user.Unit, user.RoleList, user.CreatedAt, user.LockedUntil, user.DisabledAt is not null);

    private static ProblemHttpResult Forbidden() => Refusals.Forbidden("Managing people needs the managePeople right.");

    private static ProblemHttpResult NoSuchPerson(string userName) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person", detail: $"No one is called '{userName}' in your part of the organisation.");

    [GeneratedRegex("^[a-z][a-z0-9._-]{1,63}$")]
    private static partial Regex UserNameRegex();
}
