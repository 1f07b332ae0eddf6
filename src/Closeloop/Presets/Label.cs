namespace Closeloop.Presets;

/// <summary>A name shown to people, in Chinese (the default) and English.</summary>
public sealed record Label(string Zh, string En);
