using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Closeloop.Server.Presets;

/// <summary>
/// A change of the rules (the whole preset or its org tree) names the rule version it was made on
/// (If-Match), so that two administrators cannot overwrite each other: 428 without it, 412 when
/// another change came first.
/// </summary>
public static class RuleVersionMatch
{
    /// <param name="readFrom">Where the version is read, for the 428's advice, e.g. <c>GET /api/org</c>.</param>
    public static ProblemHttpResult? Check(string? ifMatch, string current, string readFrom)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match is required",
                detail: $"Send the ETag of {readFrom} as If-Match, so that a change someone made meanwhile is not overwritten.",
                extensions: new Dictionary<string, object?> { ["field"] = "If-Match", ["currentRuleVersion"] = current });
        }
        var matches = EntityTagHeaderValue.TryParseList([ifMatch], out var tags)
            && tags.Any(t => t.Tag == "*" || t.Tag.AsSpan().Trim('"').SequenceEqual(current));
        return matches ? null : Stale(current);
    }

    public static ProblemHttpResult Stale(string current) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The rules have changed",
            detail: $"Someone changed the rules or the org tree since you read them (the current rule version is {current}); read them again and redo your change.",
            extensions: new Dictionary<string, object?> { ["currentRuleVersion"] = current });
}
