namespace Closeloop.Server.People;

/// <summary>
/// A person's sign-in: who they are, their unit and roles, their password (hashed) and the state of
/// the lockout that stops password guessing.
/// </summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }

    /// <summary>The sign-in name, lower case; unique.</summary>
    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    public required string Unit { get; set; }

    /// <summary>Role codes, comma-separated.</summary>
    public required string Roles { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Wrong passwords in a row since the last good one.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the person leaves; they can no longer sign in and their tokens stop working.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public Closeloop.People.Person ToPerson() => new(UserName, DisplayName, Unit, RoleList);
}
