using Closeloop.Presets;
using Closeloop.Routing;

namespace Closeloop.Server.Routing;

/// <summary>A routing suggestion as the API shows it: the unit and the rule with their names.</summary>
public sealed record SuggestionView(string Unit, Label UnitName, string Rule, Label RuleName, string Because)
{
    public static SuggestionView? Of(RoutingSuggestion? suggestion, Rulebook rulebook) =>
        suggestion is null
            ? null
            : new(
                suggestion.Unit, rulebook.Org.Find(suggestion.Unit)!.Name, suggestion.Rule,
                rulebook.Routing.Rules.First(r => r.Code == suggestion.Rule).Label, suggestion.Because);
}
