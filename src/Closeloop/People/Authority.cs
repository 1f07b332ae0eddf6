using Closeloop.Org;
using Closeloop.Presets;
using Closeloop.WorkOrders;

namespace Closeloop.People;

/// <summary>
/// What one person may do, and where: the union of their roles' rights and actions, limited to
/// the subtree of the unit they belong to. A person never sees past their subtree, whatever their roles.
/// </summary>
public sealed class Authority
{
    private readonly OrgTree _org;
    private readonly HashSet<Right> _rights = [];
    private readonly HashSet<string> _actions = [];

    /// <remarks>Roles the rulebook no longer knows grant nothing: a preset that drops a role takes its rights away.</remarks>
    public Authority(Person person, Rulebook rulebook)
    {
        Person = person;
        _org = rulebook.Org;
        foreach (var code in person.Roles)
        {
            if (!rulebook.Roles.TryGetValue(code, out var role))
                continue;
            _rights.UnionWith(role.Rights);
            _actions.UnionWith(role.Actions);
        }
    }

    public Person Person { get; }

    public bool May(Right right) => _rights.Contains(right);

    public bool MayTake(string action) => _actions.Contains(action);

    /// <summary>Whether <paramref name="unit"/> lies in the person's subtree.</summary>
    public bool Covers(string unit) => _org.IsWithin(unit, Person.Unit);

    /// <summary>
    /// Whether the person may see <paramref name="order"/>: it was accepted in their subtree, is or
    /// was with a unit of it (<paramref name="unitsPassed"/>: every unit its history went through), or
    /// was found to be a unit's of it, which may appeal.
    /// </summary>
    public bool Sees(WorkOrder order, IEnumerable<string> unitsPassed) =>
        Covers(order.AcceptingUnit) || Covers(order.ResponsibleUnit) || (order.FindingUnit is { } found && Covers(found)) || unitsPassed.Any(Covers);

    /// <summary>
    /// Whether the person works the order now: it is with their subtree and they may take one of the
    /// steps <paramref name="allowedNow"/> (what its lifecycle allows in its current status).
    /// </summary>
    public bool Works(WorkOrder order, IEnumerable<string> allowedNow) => Covers(order.ResponsibleUnit) && allowedNow.Any(MayTake);

    /// <summary>The units whose orders the person sees in lists: their whole subtree, or null for the whole tree.</summary>
    public IReadOnlyList<string>? ListScope()
    {
        var subtree = _org.SubtreeOf(Person.Unit);
        return subtree.Count == _org.Units.Count ? null : subtree;
    }
}
