namespace Closeloop.Presets;

/// <summary>A code that data refers to, with the name people see: a status, a grade, a subtype, a customer class.</summary>
public sealed record CodedLabel(string Code, Label Label);
