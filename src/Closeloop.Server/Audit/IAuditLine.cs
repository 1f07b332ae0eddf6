namespace Closeloop.Server.Audit;

/// <summary>A line of one of the logs an auditor reads: who, when, and its place in the log.</summary>
public interface IAuditLine
{
    long Id { get; }

    string Actor { get; }

    DateTimeOffset At { get; }
}
