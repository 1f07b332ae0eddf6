namespace Closeloop.Server.Hosting;

/// <summary>The options Closeloop takes on its command line; each is also a setting (<c>Closeloop__Database</c>, …).</summary>
public static class CommandLine
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--database"] = "Closeloop:Database",
        ["--preset"] = "Closeloop:Preset",
        ["--presets-dir"] = "Closeloop:PresetsDir",
        ["--data-dir"] = "Closeloop:DataDir",
    };

    private static readonly string[] Known = ["--urls", "--environment", .. SwitchMappings.Keys];

    public static string Help => $"""
        Closeloop — work orders for utility customer service.

        Usage: dotnet run --project src/Closeloop.Server -- [options]

        Options:
          --urls <urls>           where to listen (default {DefaultUrls}, i.e. http://localhost:5080)
          --database <conn>       connection string; Host=… means PostgreSQL
                                  (default: SQLite file closeloop.db in the data folder)
          --preset <name>         the rules to run on: sgcc-95598 (default) or city-gas
          --presets-dir <dir>     folder holding the presets (default: the one shipped with Closeloop)
          --data-dir <dir>        folder for the SQLite file (default: ./data)
          --help                  this text

        Every option is also a setting: environment variable Closeloop__Database, Closeloop__Preset, …
        """;

    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?" or "help");

    /// <summary>Names the first argument Closeloop does not know, so a typo stops the start instead of being ignored.</summary>
    public static string? FirstUnknown(string[] args) =>
        args.Where(a => a.StartsWith('-'))
            .Select(a => a.Split('=', 2)[0])
            .FirstOrDefault(a => !Known.Contains(a, StringComparer.OrdinalIgnoreCase));
}
