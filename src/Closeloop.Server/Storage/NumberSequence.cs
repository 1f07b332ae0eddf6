namespace Closeloop.Server.Storage;

/// <summary>The last work-order sequence handed out in one scope (a number format and a day).</summary>
public sealed class NumberSequence
{
    public required string Scope { get; set; }
    public long LastValue { get; set; }
}
