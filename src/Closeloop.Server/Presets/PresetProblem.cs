namespace Closeloop.Server.Presets;

/// <summary>One thing wrong in a preset: the file, the path inside it (null for the file as a whole) and the problem.</summary>
public sealed record PresetProblem(string File, string? Path, string Message)
{
    public override string ToString() => Path is null ? $"{File}: {Message}" : $"{File}: {Path}: {Message}";
}
