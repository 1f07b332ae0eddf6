using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Closeloop.Server.People;

/// <summary>Password hashing (ASP.NET Core Identity's PBKDF2 hasher) and the generated passwords and tokens people are handed.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // No 0/O, 1/l/I: a generated password is read off a screen and typed in.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Hash(UserAccount user, string password) => Hasher.HashPassword(user, password);

    /// <returns>Whether it matches; <paramref name="rehash"/> is a stronger hash to store when the stored one is old.</returns>
    public static bool Verify(UserAccount user, string password, out string? rehash)
    {
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password) : null;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>A random password of 16 unambiguous characters (about 93 bits).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 16);

    /// <summary>A new personal token, <c>clt_</c> and 43 random characters; show it once, store only <see cref="TokenHash"/>.</summary>
    public static string NewToken() => "clt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
