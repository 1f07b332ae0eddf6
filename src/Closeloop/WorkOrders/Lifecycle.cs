using Closeloop.Presets;

namespace Closeloop.WorkOrders;

/// <summary>
/// A business type's flow as a transition table from the preset: the status an order starts in,
/// the statuses it ends in, and which action leads from which status to which. The engine knows no
/// action by name; a new step is a new row.
/// </summary>
public sealed class Lifecycle
{
    private readonly Dictionary<(string Action, string From), Transition> _transitions;

    /// <exception cref="ArgumentException">A status is unknown or an action leads two ways from one status.</exception>
    public Lifecycle(string name, string initial, IReadOnlyCollection<string> final, IReadOnlyList<CodedLabel> statuses, IReadOnlyList<Transition> transitions)
    {
        var known = statuses.Select(s => s.Code).ToHashSet();
        foreach (var status in final.Append(initial).Concat(transitions.SelectMany(t => new[] { t.From, t.To, t.PassUp ?? t.To })))
        {
            if (!known.Contains(status))
                throw new ArgumentException($"lifecycle '{name}' uses unknown status '{status}'", nameof(statuses));
        }

        _transitions = [];
        foreach (var transition in transitions)
        {
            if (final.Contains(transition.From))
                throw new ArgumentException($"lifecycle '{name}': '{transition.Action}' leaves final status '{transition.From}'", nameof(transitions));
            if (!_transitions.TryAdd((transition.Action, transition.From), transition))
                throw new ArgumentException($"lifecycle '{name}': '{transition.Action}' from '{transition.From}' appears twice", nameof(transitions));
        }

        Name = name;
        Initial = initial;
        Final = final.ToHashSet();
        Statuses = statuses;
        Transitions = transitions;
    }

    public string Name { get; }

    public string Initial { get; }

    public IReadOnlySet<string> Final { get; }

    public IReadOnlyList<CodedLabel> Statuses { get; }

    public IReadOnlyList<Transition> Transitions { get; }

    public Transition? Find(string action, string from) => _transitions.GetValueOrDefault((action, from));

    /// <summary>The actions that may be taken in <paramref name="status"/>, in table order.</summary>
    public IReadOnlyList<string> ActionsFrom(string status) =>
        [.. Transitions.Where(t => t.From == status).Select(t => t.Action).Distinct()];
}
