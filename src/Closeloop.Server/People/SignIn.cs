using Closeloop.Server.Audit;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.People;

/// <summary>
/// Checks a user name and password. Wrong passwords in a row lock the account for a while; every
/// attempt, good or bad, is in the audit trail. A wrong name and a wrong password get the same
/// answer, so sign-in does not tell which names exist.
/// </summary>
public static class SignIn
{
    public abstract record Outcome
    {
        public sealed record SignedIn(UserAccount User) : Outcome;

        /// <param name="LockedUntil">Set when the account is locked, so each front end can say until when in its own words.</param>
        public sealed record Refused(string Problem, DateTimeOffset? LockedUntil = null) : Outcome;
    }

    public const string WrongCredentials = "Wrong user name or password.";

    public static async Task<Outcome> CheckAsync(
        CloseloopDb db, string userName, string password, SignInPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = userName.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null)
        {
            await db.RecordNowAsync("anonymous", null, "signIn.failed", $"person:{Clip(name)}", now, "unknown user name", cancellationToken);
            return new Outcome.Refused(WrongCredentials);
        }
        if (user.DisabledAt is not null)
        {
            await db.RecordNowAsync(user.UserName, user.Unit, "signIn.failed", $"person:{user.UserName}", now, "account disabled", cancellationToken);
            return new Outcome.Refused(WrongCredentials);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            await db.RecordNowAsync(user.UserName, user.Unit, "signIn.failed", $"person:{user.UserName}", now, "account locked", cancellationToken);
            return new Outcome.Refused($"Too many wrong passwords: the account is locked until {until:yyyy-MM-dd HH:mm} UTC; an administrator can unlock it.", until);
        }
        if (!Passwords.Verify(user, password, out var rehash))
        {
            user.FailedSignIns++;
            var locks = user.FailedSignIns >= policy.MaxFailures;
            if (locks)
            {
                user.LockedUntil = now.AddMinutes(policy.LockoutMinutes);
                user.FailedSignIns = 0;
            }
            db.Record(user.UserName, user.Unit, locks ? "signIn.locked" : "signIn.failed", $"person:{user.UserName}", now, "wrong password");
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome.Refused(WrongCredentials);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        if (rehash is not null)
            user.PasswordHash = rehash;
        db.Record(user.UserName, user.Unit, "signIn", $"person:{user.UserName}", now);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome.SignedIn(user);
    }

    private static string Clip(string name) => name.Length > 64 ? name[..64] : name;
}
