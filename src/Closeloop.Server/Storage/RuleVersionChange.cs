namespace Closeloop.Server.Storage;

/// <summary>
/// One change of the rules new orders are accepted under: the latest row (highest
/// <see cref="Sequence"/>) names the current rule version. Append-only, so it also says who changed
/// the rules, when and why.
/// </summary>
public sealed class RuleVersionChange
{
    /// <summary>1, 2, 3, …: the key; two changes made from the same current version race for the same number and one loses.</summary>
    public long Sequence { get; set; }

    public required string RuleVersion { get; set; }

    public string? PreviousRuleVersion { get; set; }

    /// <summary>The rule version of the preset files on disk this line of changes started from (decision 0007).</summary>
    public required string DiskRuleVersion { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Reason { get; set; }
}
