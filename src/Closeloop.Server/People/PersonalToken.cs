namespace Closeloop.Server.People;

/// <summary>
/// A personal access token for the API. Only its SHA-256 hash is stored: the token itself is shown
/// once, when it is made.
/// </summary>
public sealed class PersonalToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }

    /// <summary>The token's last four characters, so a person can tell their tokens apart.</summary>
    public required string Hint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
