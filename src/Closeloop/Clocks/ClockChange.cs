namespace Closeloop.Clocks;

/// <summary>A clock's change as the order's history records it.</summary>
/// <param name="Margin">For a stopped clock: business time to spare (positive) or over (negative).</param>
public sealed record ClockChange(string Policy, int Instance, ClockChangeKind Kind, ClockState State, DateTimeOffset? Due, TimeSpan? Margin);
