namespace BackupDashboard.Engine.Retention;

/// <summary>One chain a retention run deleted: who ran it, when, which backups, and the bytes freed.</summary>
public sealed record DeletionRecord(
    string Server,
    string FullId,
    IReadOnlyList<string> BackupIds,
    string Who,
    DateTimeOffset At,
    string Why,
    long BytesFreed);
