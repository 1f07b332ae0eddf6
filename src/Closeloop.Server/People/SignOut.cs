using Closeloop.Server.Audit;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.People;

/// <summary>Ends the browser session, by a form post with an anti-forgery token so that another site cannot sign a person out.</summary>
public static class SignOut
{
    public static async Task<Results<RedirectHttpResult, BadRequest>> Handle(
        HttpContext http, IAntiforgery antiforgery, CloseloopDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The form carries no fields to bind, so nothing validates the token unless we ask.
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.BadRequest();
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var name = http.User.Identity.Name!;
            await db.RecordNowAsync(name, http.User.FindFirst(Claims.Unit)?.Value, "signOut", $"person:{name}", clock.GetUtcNow(), null, cancellationToken);
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/signin");
    }
}
