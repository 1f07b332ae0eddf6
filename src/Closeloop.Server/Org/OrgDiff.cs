using System.Text.Json.Serialization;
using Closeloop.Server.Presets;

namespace Closeloop.Server.Org;

/// <summary>
/// What a new org tree changes: units added, removed, moved to another parent, and changed (which
/// of kind, name, area codes and rules). The order of siblings is not a change.
/// </summary>
internal sealed record OrgDiff(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<OrgDiff.Move> Moved,
    IReadOnlyList<OrgDiff.Change> Changed)
{
    [JsonIgnore]
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Moved.Count == 0 && Changed.Count == 0;

    public static OrgDiff Between(OrgDraft before, OrgDraft after)
    {
        var old = before.Units.ToDictionary(u => u.Code);
        var now = after.Units.ToDictionary(u => u.Code);
        var moved = new List<Move>();
        var changed = new List<Change>();
        foreach (var unit in after.Units.Where(u => old.ContainsKey(u.Code)))
        {
            var was = old[unit.Code];
            if (was.Parent != unit.Parent)
                moved.Add(new Move(unit.Code, was.Parent, unit.Parent));
            var fields = new List<string>();
            if (was.Kind != unit.Kind)
                fields.Add("kind");
            if (Yaml(was.Name) != Yaml(unit.Name))
                fields.Add("name");
            if (!was.AreaCodes.SequenceEqual(unit.AreaCodes))
                fields.Add("areaCodes");
            if (Yaml(was.ToDocument().Rules) != Yaml(unit.ToDocument().Rules))
                fields.Add("rules");
            if (fields.Count > 0)
                changed.Add(new Change(unit.Code, fields));
        }
        return new OrgDiff(
            [.. after.Units.Where(u => !old.ContainsKey(u.Code)).Select(u => u.Code)],
            [.. before.Units.Where(u => !now.ContainsKey(u.Code)).Select(u => u.Code)],
            moved,
            changed);
    }

    // Compared as the loader would write them, so that `{ amount: 90 }` and a block mapping of the same are equal.
    private static string Yaml(object? part) => part is null ? "" : PresetLoader.WriteYaml(part);

    public sealed record Move(string Code, string? From, string? To);

    public sealed record Change(string Code, IReadOnlyList<string> Fields);
}
