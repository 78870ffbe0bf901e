namespace BackupDashboard.Catalog.Entities;

/// <summary>The backups table: an index of the manifests in the repository.</summary>
public sealed class BackupRow
{
    public required string Id { get; set; }
    public required string Server { get; set; }
    public required string Kind { get; set; }
    public string? ParentId { get; set; }
    public ulong? FromLsn { get; set; }
    public ulong? ToLsn { get; set; }
    public ulong? LastLsn { get; set; }
    public required string ToolName { get; set; }
    public string? ToolVersion { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public long Bytes { get; set; }
    public required string Status { get; set; }
    public string? Problem { get; set; }
    public required string CommandLine { get; set; }
    public bool Partial { get; set; }

    /// <summary>The partial backup's filter as JSON ({"databases", "tables", "tables_exclude"}); null for a whole-server backup.</summary>
    public string? PartialFilter { get; set; }
    public required string Directory { get; set; }
    public string? Consumed { get; set; }
    public string? VerifyState { get; set; }
    public string? VerifySummary { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
}
