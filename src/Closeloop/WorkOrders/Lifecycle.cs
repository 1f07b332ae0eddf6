using Closeloop.Presets;

namespace Closeloop.WorkOrders;

/// <summary>
/// A business type's flow as a transition table from the preset: the status an order starts in,
/// the statuses it ends in, and which action leads from which status to which. The engine knows no
/// action by name; a new step is a new row. A closed order is reopened only by a step with a
/// window (an appeal), and only within it.
/// </summary>
public sealed class Lifecycle
{
    private readonly Dictionary<(string Action, string From), Transition> _transitions;

    /// <exception cref="ArgumentException">
    /// A status is unknown, an action leads two ways from one status, or a step leaves a final status
    /// without a window (or has a window and leaves an open one).
    /// </exception>
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
            if (final.Contains(transition.From) != transition.Window is not null)
            {
                throw new ArgumentException(
                    transition.Window is null
                        ? $"lifecycle '{name}': '{transition.Action}' leaves final status '{transition.From}' without a window"
                        : $"lifecycle '{name}': '{transition.Action}' has a window but leaves '{transition.From}', which is not final",
                    nameof(transitions));
            }
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

    /// <summary>Whether a step records a responsibility finding or is taken by the unit found responsible: its types must list findings.</summary>
    public bool Judges => Transitions.Any(t => t.Needs.HasFlag(ActionNeeds.Finding) || t.ByFinding);

    public Transition? Find(string action, string from) => _transitions.GetValueOrDefault((action, from));

    /// <summary>The actions that may be taken in <paramref name="status"/>, in table order.</summary>
    public IReadOnlyList<string> ActionsFrom(string status) =>
        [.. Transitions.Where(t => t.From == status).Select(t => t.Action).Distinct()];
}
