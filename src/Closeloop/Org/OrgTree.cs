namespace Closeloop.Org;

/// <summary>
/// The organisation as a tree of units. Orders travel down it when dispatched and back up when
/// reviewed; a person sees only their own subtree.
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<string, OrgUnit> _byCode;
    private readonly Dictionary<string, IReadOnlyList<string>> _pathByCode = [];

    /// <param name="units">Every unit; parents need not come before their children.</param>
    /// <exception cref="ArgumentException">A code repeats, a parent is unknown, or the parents form a cycle.</exception>
    public OrgTree(IEnumerable<OrgUnit> units)
    {
        _byCode = [];
        foreach (var unit in units)
        {
            if (!_byCode.TryAdd(unit.Code, unit))
                throw new ArgumentException($"org unit '{unit.Code}' appears twice", nameof(units));
        }

        foreach (var unit in _byCode.Values)
        {
            var path = new List<string>();
            for (var current = unit; current is not null; current = current.ParentCode is null ? null : Parent(current))
            {
                if (path.Contains(current.Code))
                    throw new ArgumentException($"org unit '{unit.Code}' is its own ancestor", nameof(units));
                path.Add(current.Code);
            }
            path.Reverse();
            _pathByCode[unit.Code] = path;
        }

        Units = [.. _byCode.Values];
    }

    public IReadOnlyList<OrgUnit> Units { get; }

    public OrgUnit? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>The codes from the root down to <paramref name="code"/>, both included.</summary>
    public IReadOnlyList<string> PathOf(string code) => _pathByCode[code];

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(string code, string ancestor) =>
        _pathByCode.TryGetValue(code, out var path) && path.Contains(ancestor);

    /// <summary><paramref name="code"/> and every unit below it.</summary>
    public IReadOnlyList<string> SubtreeOf(string code) =>
        [.. _pathByCode.Where(p => p.Value.Contains(code)).Select(p => p.Key)];

    private OrgUnit Parent(OrgUnit unit) =>
        _byCode.TryGetValue(unit.ParentCode!, out var parent)
            ? parent
            : throw new ArgumentException($"org unit '{unit.Code}' names an unknown parent '{unit.ParentCode}'", nameof(unit));
}
