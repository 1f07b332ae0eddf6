using Closeloop.Presets;

namespace Closeloop.WorkOrders;

/// <summary>The grade the grading criteria suggest for an order, and the criterion that says so.</summary>
public sealed record GradeSuggestion(CodedLabel Grade, GradingRule Rule);
