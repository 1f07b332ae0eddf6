namespace Closeloop.Routing;

/// <summary>What routing looks at: the unit that sends the order on, and the order's type, subtype, area and customer class.</summary>
/// <param name="From">The unit dispatching or forwarding the order.</param>
public sealed record RoutingQuery(string From, string Type, string? Subtype, AreaCode? AreaCode, string? CustomerClass);
