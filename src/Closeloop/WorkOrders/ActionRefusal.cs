using Closeloop.Problems;

namespace Closeloop.WorkOrders;

/// <summary>Why an action was not taken. Expected in daily work, so a value, not an exception.</summary>
public abstract record ActionRefusal(string Message)
{
    /// <summary>The action does not lead anywhere from the order's status.</summary>
    public sealed record NotAllowedNow(string Action, string Status, IReadOnlyList<string> Allowed)
        : ActionRefusal($"'{Action}' is not allowed while the order is '{Status}'; allowed now: {(Allowed.Count == 0 ? "none" : string.Join(", ", Allowed))}");

    /// <summary>A field the action needs is missing or wrong: <paramref name="Problem"/> for each front end to word, <paramref name="Text"/> in English.</summary>
    public sealed record InvalidField(string Field, Problem Problem, string Text) : ActionRefusal(Text);
}
