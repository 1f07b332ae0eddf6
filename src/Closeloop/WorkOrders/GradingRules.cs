using Closeloop.Presets;

namespace Closeloop.WorkOrders;

/// <summary>
/// The grading criteria of a rulebook, most severe first: the first rule that matches suggests the
/// grade, as an order covering several criteria takes the highest grade. The agent may choose another.
/// </summary>
public sealed class GradingRules(IReadOnlyList<GradingRule> rules)
{
    public static readonly GradingRules None = new([]);

    public IReadOnlyList<GradingRule> Rules { get; } = rules;

    /// <returns>The grade and the rule that suggests it, or null when no rule of the type matches.</returns>
    public GradeSuggestion? Suggest(BusinessType type, string? customerClass, string? content) =>
        Rules.FirstOrDefault(r => r.Matches(type.Code, customerClass, content)) is { } rule
            ? new GradeSuggestion(type.Grades.First(g => g.Code == rule.Grade), rule)
            : null;
}
