using Closeloop.Presets;

namespace Closeloop.Server.Presets;

/// <summary>A checked rulebook and the texts it was read from, kept with its rule version.</summary>
public sealed record LoadedPreset(Rulebook Rulebook, IReadOnlyDictionary<string, string> Files);
