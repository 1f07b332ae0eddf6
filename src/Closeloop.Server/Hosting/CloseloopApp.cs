using System.Text.Json;
using System.Text.Json.Serialization;
using Closeloop.Server.Audit;
using Closeloop.Server.Calendar;
using Closeloop.Server.Clocks;
using Closeloop.Server.Notifications;
using Closeloop.Server.Org;
using Closeloop.Server.Overview;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Queue;
using Closeloop.Server.Routing;
using Closeloop.Server.Storage;
using Closeloop.Server.Web;
using Closeloop.Server.WorkOrders;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Closeloop.Server.Hosting;

/// <summary>Composes the server: the one place that knows every capability.</summary>
public static class CloseloopApp
{
    /// <param name="configure">Lets tests replace services (the clock) before the app is built.</param>
    /// <exception cref="PresetException">The preset is missing or wrong.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named for this assembly even when a test host starts it, so its static web assets are found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(CloseloopApp).Assembly.GetName().Name,
        });
        // Serves wwwroot and the framework's script from where the build left them; a published app has them in place.
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddCommandLine(args, SwitchMappings());
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(CommandLine.DefaultUrls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 2 * 1024 * 1024);

        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var calendars = new Calendars(CalendarLoader.LoadAll(options.PresetsRoot));
        var preset = PresetLoader.Load(options.PresetsRoot, options.Preset, [.. calendars.ById.Keys]);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new Rulebooks(preset, [.. calendars.ById.Keys]));
        services.AddSingleton(calendars);
        services.AddSingleton(TimeProvider.System);
        services.AddCloseloopStorage(options.ConnectionString);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Closeloop API";
            document.Info.Description = "Work orders for utility customer service: intake, dispatch, handling, review, reply, archive.";
            return Task.CompletedTask;
        }));
        services.AddHostedService<CountFolding>();
        services.AddHostedService<RuleVersionWatcher>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<ClockRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockRunner>());
        services.AddHttpClient(OutboxSender.WebhookClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddWebSecurity(builder.Configuration);
        services.AddWebUi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A browser that asks for a page gets a page back, also for an address that is not there.
        app.UseWhen(
            http => HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api"),
            ui => ui.UseStatusCodePagesWithReExecute("/status/{0}"));
        // Routing after the status pages, so that a re-executed request finds its page.
        app.UseRouting();
        app.UseWebUiCulture();
        app.UseWebSecurity();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Closeloop API")).AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapPeople();
        app.MapAudit();
        app.MapWorkOrders(preset.Rulebook);
        app.MapCalendar();
        app.MapNotifications();
        app.MapClocks();
        app.MapRouting();
        app.MapQueue();
        app.MapOrg();
        app.MapPresets();
        app.MapOverview();
        app.MapWebUi();
        return app;
    }

    /// <summary>Brings the database up to date and stores the rules in force; run before serving.</summary>
    /// <returns>The accounts made on the first start of an empty database, with their one-time passwords.</returns>
    /// <exception cref="PresetException">The preset's demo accounts are wrong.</exception>
    public static async Task<IReadOnlyList<DemoAccounts.Account>> PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloseloopDb>();
        await Database.MigrateAsync(db, cancellationToken);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var rulebooks = scope.ServiceProvider.GetRequiredService<Rulebooks>();
        await rulebooks.StartAsync(db, clock.GetUtcNow(), cancellationToken);
        await RecountProvisionalClocks.RunAsync(db, rulebooks, scope.ServiceProvider.GetRequiredService<Calendars>(), clock.GetUtcNow(), cancellationToken);
        var options = scope.ServiceProvider.GetRequiredService<ServerOptions>();
        return await DemoAccounts.CreateIfFirstStartAsync(
            db, rulebooks.Current, Path.Combine(options.PresetsRoot, options.Preset), clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>The addresses the server listens on, once started.</summary>
    public static IReadOnlyCollection<string> Addresses(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    private static Dictionary<string, string> SwitchMappings() => new(CommandLine.SwitchMappings);
}
