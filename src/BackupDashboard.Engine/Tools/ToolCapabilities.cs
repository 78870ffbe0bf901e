namespace BackupDashboard.Engine.Tools;

/// <summary>
/// What one version of a backup tool can do and what it calls its files. The sources for each
/// value are in docs/tool-adapters.md.
/// </summary>
public sealed record ToolCapabilities(
    string Family,
    Version Version,
    bool ApplyLogOnlyAccepted,
    bool ApplyLogOnlyNeeded,
    bool PageTracking,
    string CheckpointsFileName,
    string InfoFileName,
    bool Compression,
    bool Parallel)
{
    /// <summary>
    /// Why --incremental-force-scan is not offered with this version, or null where it is: only
    /// XtraBackup before 8.0.30 reads Percona Server's changed page bitmaps, which the option
    /// overrides (docs/tool-adapters.md, "Warnings").
    /// </summary>
    public string? NoIncrementalForceScan { get; init; }

    public bool IncrementalForceScan => NoIncrementalForceScan is null;

    public const string XtraBackupCheckpoints = "xtrabackup_checkpoints";
    public const string XtraBackupInfo = "xtrabackup_info";
}
