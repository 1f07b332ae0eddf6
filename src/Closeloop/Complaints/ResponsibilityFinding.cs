using Closeloop.Presets;

namespace Closeloop.Complaints;

/// <summary>
/// One finding a complaint judge may record (定责), from the business type's list in the preset:
/// responsible (有责), to a unit that must be named, or one of the grounds on which no unit is (无责:
/// force majeure, a misunderstanding the callback confirmed, the customer's own fault, …).
/// </summary>
public sealed record ResponsibilityFinding(string Code, Label Label, bool Responsible);
