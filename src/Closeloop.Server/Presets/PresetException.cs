namespace Closeloop.Server.Presets;

/// <summary>A preset file is wrong; the message names the file, the path inside it and the problem.</summary>
public sealed class PresetException : Exception
{
    public PresetException(string message)
        : base(message) => Problems = [];

    public PresetException(IReadOnlyList<PresetProblem> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Each problem on its own, so a caller can point at the field or line it came from; empty when only the message is known.</summary>
    public IReadOnlyList<PresetProblem> Problems { get; }
}
