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
    public const string XtraBackupCheckpoints = "xtrabackup_checkpoints";
    public const string XtraBackupInfo = "xtrabackup_info";
}
