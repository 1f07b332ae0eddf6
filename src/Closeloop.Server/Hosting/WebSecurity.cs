using System.Threading.RateLimiting;
using Closeloop.Server.People;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Closeloop.Server.Hosting;

/// <summary>
/// Who may call the server and how hard: the API signs in by personal token, the UI by cookie; every
/// endpoint needs a signed-in person unless it says otherwise; sign-in and the API are rate limited;
/// every answer carries the security headers.
/// </summary>
public static class WebSecurity
{
    private const string ByPath = "closeloop";
    private const string CookieName = "closeloop.session";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var policy = configuration.GetSection(SignInPolicy.Section).Get<SignInPolicy>() ?? new SignInPolicy();
        services.AddSingleton(policy);
        services.AddMemoryCache();
        services.AddAuthentication(ByPath)
            // The API takes tokens only: a browser's cookie never authorises an API call, so the API needs no anti-forgery.
            .AddPolicyScheme(ByPath, "Token for the API, cookie for the UI", o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") ? TokenAuthentication.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is (behind TLS in production); plain http only on a developer's loopback.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(policy.SessionMinutes);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/signin";
                o.Events.OnValidatePrincipal = StillAllowedAsync;
            });
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "closeloop.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    // A person in a browser gets a page that says why, not a problem document.
                    context.HttpContext.Response.Redirect("/signin?tooMany=true");
                    return;
                }
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "Slow down and try again in a minute.")
                    .ExecuteAsync(context.HttpContext);
            };
            // Attempts count, not looking at the sign-in page.
            o.AddPolicy(PeopleApi.SignInLimit, http => HttpMethods.IsGet(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = policy.AttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => http.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.User.Identity.Name!,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = policy.RequestsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        app.Use(SecurityHeaders);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(Refusals.AuditRefusalsAsync);
        return app;
    }

    private static Task SecurityHeaders(HttpContext http, RequestDelegate next)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The API page runs its own inline script; everything else is ours alone.
        if (!http.Request.Path.StartsWithSegments("/scalar"))
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        if (http.Request.IsHttps)
            headers.StrictTransportSecurity = "max-age=31536000";
        return next(http);
    }

    // A cookie outlives changes to the person: sign them out once they are disabled, moved or given other roles.
    private static async Task StillAllowedAsync(CookieValidatePrincipalContext context)
    {
        var userId = Claims.UserIdOf(context.Principal!);
        var cache = context.HttpContext.RequestServices.GetRequiredService<IMemoryCache>();
        var user = await cache.GetOrCreateAsync($"user:{userId}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TokenAuthentication.CacheFor;
            var db = context.HttpContext.RequestServices.GetRequiredService<CloseloopDb>();
            return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.DisabledAt == null);
        });
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else if (user.Unit != context.Principal!.FindFirst(Claims.Unit)?.Value || user.Roles != string.Join(',', context.Principal.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)))
        {
            context.ReplacePrincipal(Claims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }
}
