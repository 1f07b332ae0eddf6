using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Routing;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Routing;

/// <summary>
/// Answers where the routing rules would send an order: the suggested unit and the rule that chose
/// it, or no unit when no rule matches. The agent sees it before dispatching.
/// </summary>
public static class SuggestUnit
{
    /// <param name="From">The unit sending the order on; the intake unit (the service centre) when omitted.</param>
    public sealed record Query(string? Type, string? Subtype, string? AreaCode, string? CustomerClass, string? From);

    /// <param name="Suggestion">Null when no rule matches.</param>
    public sealed record Answer(string From, SuggestionView? Suggestion);

    public static Results<Ok<Answer>, ValidationProblem, ProblemHttpResult> Handle([AsParameters] Query query, HttpContext http, Rulebooks rulebooks)
    {
        var rulebook = rulebooks.Current;
        if (!http.Authority(rulebook).May(Right.ReadOrders))
            return Refusals.Forbidden("Routing suggestions are for people who read orders (the readOrders right).");
        var errors = new FieldErrors();
        var type = errors.OneOf("type", query.Type?.Trim(), rulebook.Types.Keys);
        string? subtype = null;
        if (type is not null && !string.IsNullOrWhiteSpace(query.Subtype))
            subtype = errors.OneOf("subtype", query.Subtype.Trim(), rulebook.Types[type].Subtypes.Select(s => s.Code));
        AreaCode? area = null;
        if (!string.IsNullOrWhiteSpace(query.AreaCode))
        {
            if (AreaCode.TryParse(query.AreaCode.Trim(), out var parsed))
                area = parsed;
            else
                errors.Add("areaCode", Problem.AreaCode(query.AreaCode), $"'{query.AreaCode}' is not a 6-digit administrative area code");
        }
        var customerClass = errors.OneOf("customerClass", query.CustomerClass?.Trim(), rulebook.CustomerClasses.Select(c => c.Code), required: false);
        var from = query.From?.Trim() ?? rulebook.IntakeUnit;
        if (!rulebook.Org.Contains(from))
            errors.Add("from", Problem.UnknownUnit(from), $"unknown org unit '{from}'");
        if (errors.Any)
            return errors.ToProblem();

        var suggestion = rulebook.Routing.Suggest(new RoutingQuery(from, type!, subtype, area, customerClass));
        return TypedResults.Ok(new Answer(from, SuggestionView.Of(suggestion, rulebook)));
    }
}
