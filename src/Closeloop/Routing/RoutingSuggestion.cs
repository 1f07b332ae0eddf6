namespace Closeloop.Routing;

/// <summary>The unit a routing rule suggests an order goes to, and which rule chose it and why.</summary>
/// <param name="Rule">The code of the rule that matched.</param>
/// <param name="Because">What of the order the rule matched, e.g. "type consultation, area 320115 under 320000".</param>
public sealed record RoutingSuggestion(string Unit, string Rule, string Because);
