namespace BackupDashboard.Catalog.Entities;

/// <summary>
/// The deletions table: every chain retention deleted. Kept apart from the backups table, which a
/// catalog rebuild replaces from the manifests on disk; deleted backups have none left.
/// </summary>
public sealed class DeletionRow
{
    public int Id { get; set; }
    public required string Server { get; set; }
    public required string FullId { get; set; }

    /// <summary>The deleted backups' ids, a JSON array.</summary>
    public required string BackupIds { get; set; }
    public required string Who { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Why { get; set; }
    public long BytesFreed { get; set; }
}
