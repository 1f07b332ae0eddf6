namespace Closeloop.Browser.Tests.Presets;

/// <summary>Tests that change the rules of the shared server run one after another, never beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class RuleChanges
{
    public const string Name = "rule changes";
}
