using Closeloop.Complaints;

namespace Closeloop.Presets;

/// <summary>
/// A business type (业务类型) such as consultation or complaint: which lifecycle its orders follow,
/// which subtypes it has (a service request's new connection, meter check, …) and which grades.
/// A subtype with a flow of its own (a new connection's plan, inspection and power-on) names its
/// lifecycle in <see cref="SubtypeLifecycles"/>. A complaint type lists the <see cref="Findings"/> its
/// judges may record.
/// </summary>
public sealed record BusinessType(
    string Code,
    Label Label,
    string Lifecycle,
    IReadOnlyList<CodedLabel> Subtypes,
    IReadOnlyList<CodedLabel> Grades,
    IReadOnlyDictionary<string, string> SubtypeLifecycles,
    IReadOnlyList<ResponsibilityFinding> Findings)
{
    public bool HasSubtype(string code) => Subtypes.Any(s => s.Code == code);

    public bool HasGrade(string code) => Grades.Any(g => g.Code == code);

    public ResponsibilityFinding? FindingOf(string code) => Findings.FirstOrDefault(f => f.Code == code);
}
