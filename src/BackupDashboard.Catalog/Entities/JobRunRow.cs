namespace BackupDashboard.Catalog.Entities;

/// <summary>
/// The job_runs table: the job history (docs/job-history.md). Kept apart from the backups table,
/// which a catalog rebuild replaces from the manifests on disk, and from Hangfire's storage,
/// whose job data expires.
/// </summary>
public sealed class JobRunRow
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Server { get; set; }
    public required string Trigger { get; set; }
    public required string State { get; set; }
    public string? Subject { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public long? Bytes { get; set; }

    /// <summary>A rehearsal's measured time to restore, in seconds.</summary>
    public double? TimeToRestore { get; set; }
    public bool CancelRequested { get; set; }
    public string? Runner { get; set; }
    public string? Log { get; set; }
}
