using Closeloop.Server.Presets;

namespace Closeloop.Server.Org;

/// <summary>
/// An org tree being changed: the units of org.yaml as a flat list in file order, each naming its
/// parent, so that a unit can be added, moved or removed before the whole is written back as
/// org.yaml and checked by <see cref="PresetLoader"/> like any preset.
/// </summary>
internal sealed class OrgDraft
{
    private readonly List<DraftUnit> _units;

    private OrgDraft(List<DraftUnit> units) => _units = units;

    public IReadOnlyList<DraftUnit> Units => _units;

    public static OrgDraft Of(OrgDocument document)
    {
        var units = new List<DraftUnit>();
        Flatten(document.Units ?? [], null, units);
        return new OrgDraft(units);
    }

    /// <exception cref="PresetException">The text is not an org.yaml tree.</exception>
    public static OrgDraft Read(string orgYaml) => Of(PresetLoader.ReadOrg(orgYaml));

    /// <summary>Units in the order given; parents need not come first.</summary>
    public static OrgDraft Of(IEnumerable<DraftUnit> units) => new([.. units]);

    public DraftUnit? Find(string code) => _units.FirstOrDefault(u => u.Code == code);

    public IEnumerable<DraftUnit> ChildrenOf(string code) => _units.Where(u => u.Parent == code);

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(string code, string ancestor)
    {
        var seen = new HashSet<string>();
        for (var unit = Find(code); unit is not null && seen.Add(unit.Code); unit = unit.Parent is null ? null : Find(unit.Parent))
        {
            if (unit.Code == ancestor)
                return true;
        }
        return false;
    }

    public void Add(DraftUnit unit) => _units.Add(unit);

    public void Remove(string code) => _units.RemoveAll(u => u.Code == code);

    /// <summary>
    /// The tree as org.yaml holds it, with where each unit sits in it (<c>units[0].children[2]</c>),
    /// to point a problem found in the file back at the unit. Units whose parent is missing are left out.
    /// </summary>
    public (OrgDocument Document, IReadOnlyDictionary<string, string> PathByCode) ToDocument()
    {
        var paths = new Dictionary<string, string>();
        var byParent = _units.Where(u => u.Code is not null).ToLookup(u => u.Parent ?? "");
        List<OrgUnitDocument> Children(string parent, string path)
        {
            var children = new List<OrgUnitDocument>();
            foreach (var unit in byParent[parent])
            {
                var at = $"{path}[{children.Count}]";
                // A unit met twice is a cycle; the caller reports it before writing.
                if (!paths.TryAdd(unit.Code, at))
                    continue;
                var document = unit.ToDocument();
                var below = Children(unit.Code, $"{at}.children");
                document.Children = below.Count > 0 ? below : null;
                children.Add(document);
            }
            return children;
        }
        return (new OrgDocument { Units = Children("", "units") }, paths);
    }

    public string ToYaml() => PresetLoader.WriteYaml(ToDocument().Document);

    private static void Flatten(List<OrgUnitDocument> units, string? parent, List<DraftUnit> into)
    {
        foreach (var unit in units)
        {
            into.Add(DraftUnit.Of(unit, parent));
            if (unit.Code is not null)
                Flatten(unit.Children ?? [], unit.Code, into);
        }
    }
}
