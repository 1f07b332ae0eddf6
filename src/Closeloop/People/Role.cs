using Closeloop.Presets;

namespace Closeloop.People;

/// <summary>
/// A role (岗位角色) from the preset: agent, dispatcher, handler, reviewer, … with the permissions it
/// grants and the lifecycle actions it may take.
/// </summary>
public sealed record Role(string Code, Label Label, IReadOnlySet<Right> Rights, IReadOnlySet<string> Actions);
