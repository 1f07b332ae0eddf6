namespace Closeloop.Server.Presets;

/// <summary>
/// The answer to a check or a change of preset.yaml: the rule version now current (the new one once
/// applied; the one checked against otherwise), whether it was changed, and what the file changes.
/// </summary>
internal sealed record PresetChanged(string RuleVersion, bool Changed, PresetDiff Diff);
