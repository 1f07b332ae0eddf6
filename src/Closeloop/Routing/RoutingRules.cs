using Closeloop.WorkOrders;

namespace Closeloop.Routing;

/// <summary>
/// The routing rules of a preset, in file order: the suggestion for an order is the rule that fits
/// it most closely (<see cref="RoutingRule.Fit"/>), the first in file order among equals, so the
/// answer never depends on anything but the rules and the order.
/// </summary>
public sealed class RoutingRules(IReadOnlyList<RoutingRule> rules)
{
    public static readonly RoutingRules None = new([]);

    public IReadOnlyList<RoutingRule> Rules { get; } = rules;

    /// <summary>Where the unit now responsible for <paramref name="order"/> should send it on.</summary>
    public RoutingSuggestion? SuggestFor(WorkOrder order) =>
        Suggest(new RoutingQuery(
            order.ResponsibleUnit, order.Type, order.Subtype,
            AreaCode.TryParse(order.Customer.AreaCode, out var area) ? area : null, order.Customer.Class));

    /// <summary>The unit the closest-fitting rule names; null when no rule matches.</summary>
    public RoutingSuggestion? Suggest(RoutingQuery query)
    {
        RoutingRule? best = null;
        (int Named, int Area) bestFit = default;
        foreach (var rule in Rules)
        {
            if (rule.Fit(query) is not { } fit)
                continue;
            if (best is null || fit.Named > bestFit.Named || (fit.Named == bestFit.Named && fit.Area > bestFit.Area))
                (best, bestFit) = (rule, fit);
        }
        return best is null ? null : new RoutingSuggestion(best.Unit, best.Code, best.Explain(query));
    }
}
