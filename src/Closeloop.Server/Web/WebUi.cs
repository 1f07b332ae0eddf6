using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Closeloop.Server.Web;

/// <summary>
/// The browser workbench: server-rendered Razor components in the capability folders, Chinese by
/// default with an English switch. Pages call the same use-case methods the API maps.
/// </summary>
public static class WebUi
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Chinese text as text, not as six-byte character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = o.SupportedUICultures = [Chinese, English];
            // Chinese unless the person chose English: a browser's Accept-Language does not decide for them.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Culture for the pages only: the API's answers stay culture-invariant.</summary>
    public static WebApplication UseWebUiCulture(this WebApplication app)
    {
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), ui => ui.UseRequestLocalization());
        return app;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        // The sign-in page needs its stylesheet and script before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>();
        app.MapGet("/culture", SwitchCulture.Handle).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/signout", People.SignOut.Handle).ExcludeFromDescription();
        // The API's export, on the pages' side of the house: a browser's cookie never reaches /api.
        app.MapGet("/org/export", Org.ExportOrg.Handle).ExcludeFromDescription();
        return app;
    }
}
