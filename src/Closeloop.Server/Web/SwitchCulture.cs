using Microsoft.AspNetCore.Localization;

namespace Closeloop.Server.Web;

/// <summary>The language switch: remembers the choice in the culture cookie and goes back where the person was.</summary>
public static class SwitchCulture
{
    public static IResult Handle(string? name, string? returnUrl, HttpContext http)
    {
        var culture = name == WebUi.English.Name ? WebUi.English : WebUi.Chinese;
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
