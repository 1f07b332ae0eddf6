using System.Text.Encodings.Web;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Closeloop.Server.People;

/// <summary>
/// Signs API callers in by their personal token (<c>Authorization: Bearer clt_…</c>). A token found
/// good is remembered for <see cref="CacheFor"/>, so the API does not read the database twice per
/// request; a revoked token or a disabled person stops working on other nodes within that time.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMemoryCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is < 10 or > 200)
            return AuthenticateResult.Fail("malformed token");

        var hash = Passwords.TokenHash(token);
        var user = await cache.GetOrCreateAsync(CacheKey(hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var db = Context.RequestServices.GetRequiredService<CloseloopDb>();
            var now = clock.GetUtcNow();
            return await db.PersonalTokens.AsNoTracking()
                .Where(t => t.Hash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
                .Join(db.Users.AsNoTracking().Where(u => u.DisabledAt == null), t => t.UserId, u => u.Id, (t, u) => u)
                .SingleOrDefaultAsync(Context.RequestAborted);
        });
        return user is null
            ? AuthenticateResult.Fail("unknown, revoked or expired token")
            : AuthenticateResult.Success(new AuthenticationTicket(Claims.Principal(user, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign in first",
                detail: "Send a personal token as 'Authorization: Bearer clt_…' (POST /api/auth/tokens makes one).")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed").ExecuteAsync(Context);

    /// <summary>Forgets a token at once on this node (it was revoked here).</summary>
    public static void Forget(IMemoryCache cache, string hash) => cache.Remove(CacheKey(hash));

    private static string CacheKey(string hash) => "token:" + hash;
}
