namespace Closeloop.Server.Presets;

/// <summary>
/// The preset new orders are accepted under: its rule version (the ETag), who made it current, when
/// and why, and the text of each of its files by name.
/// </summary>
internal sealed record PresetView(
    string Preset,
    string Version,
    string RuleVersion,
    string? ChangedBy,
    DateTimeOffset? ChangedAt,
    string? Reason,
    IReadOnlyDictionary<string, string> Files);
