using Closeloop.Server.Hosting;
using Closeloop.Server.Presets;

if (CommandLine.WantsHelp(args))
{
    Console.WriteLine(CommandLine.Help);
    return 0;
}
if (CommandLine.FirstUnknown(args) is { } unknown)
{
    Console.Error.WriteLine($"Unknown option '{unknown}'.{Environment.NewLine}{Environment.NewLine}{CommandLine.Help}");
    return 2;
}

WebApplication app;
try
{
    app = CloseloopApp.Build(args);
}
catch (PresetException e)
{
    Console.Error.WriteLine($"The preset has problems; Closeloop did not start:{Environment.NewLine}{e.Message}");
    return 1;
}

await app.PrepareAsync();
await app.StartAsync();
var options = app.Services.GetRequiredService<ServerOptions>();
var url = app.Addresses().First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
Console.WriteLine($"""

    Closeloop is running ({options.Preset}).
      Web:       {url}/
      API page:  {url}/scalar/v1   (OpenAPI: {url}/openapi/v1.json)
      Health:    {url}/health
      Data:      {(Closeloop.Server.Storage.Database.IsPostgres(options.ConnectionString) ? "PostgreSQL" : options.ConnectionString.Replace("Data Source=", "SQLite file ", StringComparison.Ordinal))}
    Press Ctrl+C to stop.

    """);
await app.WaitForShutdownAsync();
return 0;
