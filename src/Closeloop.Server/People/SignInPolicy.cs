namespace Closeloop.Server.People;

/// <summary>
/// How hard sign-in is to guess: wrong passwords in a row before the account locks, and for how long.
/// Bound from the <c>SignIn</c> configuration section.
/// </summary>
public sealed class SignInPolicy
{
    public const string Section = "SignIn";

    public int MaxFailures { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>At least this long, so that a password is not guessed before the lockout stops it.</summary>
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>How long a person stays signed in to the UI without using it.</summary>
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Sign-in attempts per minute from one address, before the lockout of any one account.</summary>
    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>API requests per minute for one person.</summary>
    public int RequestsPerMinute { get; set; } = 6000;
}
