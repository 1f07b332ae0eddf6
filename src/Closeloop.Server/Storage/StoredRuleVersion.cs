namespace Closeloop.Server.Storage;

/// <summary>A preset as it was when orders were accepted under it; kept so old orders can always be explained.</summary>
public sealed class StoredRuleVersion
{
    public required string Id { get; set; }
    public required string Preset { get; set; }
    public required string Version { get; set; }

    /// <summary>The preset's files as JSON: file name → text.</summary>
    public required string Files { get; set; }

    public DateTimeOffset FirstLoadedAt { get; set; }
}
