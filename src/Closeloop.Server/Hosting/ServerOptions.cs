namespace Closeloop.Server.Hosting;

/// <summary>Where Closeloop keeps its data and which rules it runs on (section <c>Closeloop</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Closeloop";

    /// <summary>A connection string: <c>Host=…</c> for PostgreSQL, otherwise SQLite. Default: a file in <see cref="DataDir"/>.</summary>
    public string? Database { get; set; }

    public string Preset { get; set; } = "sgcc-95598";

    /// <summary>The folder holding the presets. Default: the <c>presets</c> folder shipped beside the program.</summary>
    public string? PresetsDir { get; set; }

    public string DataDir { get; set; } = "data";

    public string ConnectionString => Database ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDir), "closeloop.db")}";

    public string PresetsRoot => Path.GetFullPath(PresetsDir ?? Path.Combine(AppContext.BaseDirectory, "presets"));
}
