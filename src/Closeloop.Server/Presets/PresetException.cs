namespace Closeloop.Server.Presets;

/// <summary>A preset file is wrong; the message names the file, the path inside it and the problem.</summary>
public sealed class PresetException(string message) : Exception(message);
