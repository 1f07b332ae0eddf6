using Closeloop.Server.Hosting;
using Closeloop.Server.People;
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
IReadOnlyList<DemoAccounts.Account> firstAccounts;
try
{
    app = CloseloopApp.Build(args);
    firstAccounts = await app.PrepareAsync();
}
catch (PresetException e)
{
    Console.Error.WriteLine($"The preset has problems; Closeloop did not start:{Environment.NewLine}{e.Message}");
    return 1;
}

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
if (firstAccounts.Count > 0)
{
    // Shown this once: only hashes are stored. An administrator can reset a forgotten one.
    Console.WriteLine("First start: these accounts were made. Write the passwords down now; they are not shown again.");
    Console.WriteLine($"  {"user name",-20} {"password",-18} {"unit",-16} roles");
    foreach (var account in firstAccounts)
        Console.WriteLine($"  {account.UserName,-20} {account.Password,-18} {account.Unit,-16} {string.Join(", ", account.Roles)}");
    Console.WriteLine();
}
await app.WaitForShutdownAsync();
return 0;
