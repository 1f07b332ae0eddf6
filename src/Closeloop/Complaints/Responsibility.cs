namespace Closeloop.Complaints;

/// <summary>
/// What a complaint was found (投诉判定): the code of a <see cref="ResponsibilityFinding"/> and, when
/// it holds a unit responsible, that unit, which the finding counts against and which may appeal it.
/// </summary>
public sealed record Responsibility(string Finding, string? Unit);
