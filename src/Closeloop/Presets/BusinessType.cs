namespace Closeloop.Presets;

/// <summary>
/// A business type (业务类型) such as consultation or complaint: which lifecycle its orders follow,
/// which subtypes it has (a service request's new connection, meter check, …) and which grades.
/// </summary>
public sealed record BusinessType(
    string Code,
    Label Label,
    string Lifecycle,
    IReadOnlyList<CodedLabel> Subtypes,
    IReadOnlyList<CodedLabel> Grades)
{
    public bool HasSubtype(string code) => Subtypes.Any(s => s.Code == code);

    public bool HasGrade(string code) => Grades.Any(g => g.Code == code);
}
