using Closeloop.Presets;
using Closeloop.Routing;

namespace Closeloop.Tests.Routing;

public sealed class RoutingRulesTests
{
    private static readonly Label Name = new("规则", "Rule");

    private static RoutingRule Rule(
        string code, string unit, string? at = "csc", string[]? types = null, string[]? subtypes = null, string[]? classes = null, params string[] areas) =>
        new(code, Name, at, types ?? [], subtypes ?? [], classes ?? [], [.. areas.Select(AreaCode.Parse)], unit);

    private static RoutingQuery Query(string type, string? area, string? subtype = null, string? customerClass = null, string from = "csc") =>
        new(from, type, subtype, area is null ? null : AreaCode.Parse(area), customerClass);

    [Fact]
    public void The_most_specific_area_wins_whatever_the_order_of_the_rules()
    {
        var rules = new RoutingRules(
        [
            Rule("province", "js-csc", types: ["consultation"], areas: "320000"),
            Rule("county", "js-nj-jn-mkt", types: ["consultation"], areas: "320115"),
            Rule("city", "js-nj-mkt", types: ["consultation"], areas: "320100"),
        ]);

        Assert.Equal(("js-nj-jn-mkt", "county"), Pick(rules.Suggest(Query("consultation", "320115"))));
        Assert.Equal(("js-nj-mkt", "city"), Pick(rules.Suggest(Query("consultation", "320117"))));
        Assert.Equal(("js-csc", "province"), Pick(rules.Suggest(Query("consultation", "320500"))));
    }

    [Fact]
    public void Among_equally_specific_rules_the_first_in_the_file_wins()
    {
        var rules = new RoutingRules([Rule("first", "js-csc", areas: "320000"), Rule("second", "zj-csc", areas: "320000")]);

        Assert.Equal("first", rules.Suggest(Query("consultation", "320115"))!.Rule);
    }

    [Fact]
    public void A_rule_naming_the_subtype_or_the_customer_class_beats_one_naming_only_the_type()
    {
        var rules = new RoutingRules(
        [
            Rule("byArea", "js-nj-jn-mkt", types: ["serviceRequest"], areas: "320115"),
            Rule("highVoltage", "js-nj-mkt", types: ["serviceRequest"], classes: ["highVoltageDual"], areas: "320100"),
            Rule("meterCheck", "js-nj-jn-om", types: ["serviceRequest"], subtypes: ["meterCheck"]),
        ]);

        Assert.Equal("byArea", rules.Suggest(Query("serviceRequest", "320115", "newConnection", "resident"))!.Rule);
        Assert.Equal("highVoltage", rules.Suggest(Query("serviceRequest", "320115", "newConnection", "highVoltageDual"))!.Rule);
        Assert.Equal("meterCheck", rules.Suggest(Query("serviceRequest", "320115", "meterCheck", "highVoltageDual"))!.Rule);
    }

    [Fact]
    public void A_rule_applies_only_to_the_unit_it_is_written_for()
    {
        var rules = new RoutingRules([Rule("national", "js-csc", at: "csc", areas: "320000"), Rule("province", "js-nj-jn-mkt", at: "js-csc", areas: "320115")]);

        Assert.Equal("js-csc", rules.Suggest(Query("consultation", "320115", from: "csc"))!.Unit);
        Assert.Equal("js-nj-jn-mkt", rules.Suggest(Query("consultation", "320115", from: "js-csc"))!.Unit);
        Assert.Null(rules.Suggest(Query("consultation", "320115", from: "zj-csc")));
    }

    [Fact]
    public void No_rule_matches_an_order_of_another_type_or_area_or_one_without_an_area()
    {
        var rules = new RoutingRules([Rule("js", "js-csc", types: ["consultation"], areas: "320000")]);

        Assert.Null(rules.Suggest(Query("complaint", "320115")));
        Assert.Null(rules.Suggest(Query("consultation", "330106")));
        Assert.Null(rules.Suggest(Query("consultation", null)));
    }

    [Fact]
    public void The_suggestion_says_which_rule_matched_and_on_what()
    {
        var rules = new RoutingRules([Rule("provinceCentre", "js-csc", types: ["consultation"], areas: "320000")]);

        var suggestion = rules.Suggest(Query("consultation", "320115"))!;

        Assert.Equal("provinceCentre", suggestion.Rule);
        Assert.Equal("sent on by csc, type consultation, area 320115 under 320000", suggestion.Because);
    }

    private static (string Unit, string Rule) Pick(RoutingSuggestion? suggestion) => (suggestion!.Unit, suggestion.Rule);
}
