using Closeloop.Problems;

namespace Closeloop.WorkOrders;

/// <summary>Why an action was not taken. Expected in daily work, so a value, not an exception.</summary>
public abstract record ActionRefusal(string Message)
{
    /// <summary>The action does not lead anywhere from the order's status.</summary>
    public sealed record NotAllowedNow(string Action, string Status, IReadOnlyList<string> Allowed)
        : ActionRefusal($"'{Action}' is not allowed while the order is '{Status}'; allowed now: {(Allowed.Count == 0 ? "none" : string.Join(", ", Allowed))}");

    /// <summary>The step may leave the order's final status only within a window of its closing, which shut at <paramref name="ShutAt"/>.</summary>
    public sealed record WindowShut(string Action, DateTimeOffset ClosedAt, DateTimeOffset ShutAt)
        : ActionRefusal($"'{Action}' may be taken only until {ShutAt:yyyy-MM-dd HH:mm} UTC, within its window after the order closed at {ClosedAt:yyyy-MM-dd HH:mm} UTC");

    /// <summary>The step is the responsible unit's and the order's finding holds no unit responsible.</summary>
    public sealed record NoUnitFound(string Action)
        : ActionRefusal($"'{Action}' is taken by the unit found responsible, and the order's finding holds no unit responsible");

    /// <summary>A field the action needs is missing or wrong: <paramref name="Problem"/> for each front end to word, <paramref name="Text"/> in English.</summary>
    public sealed record InvalidField(string Field, Problem Problem, string Text) : ActionRefusal(Text);
}
