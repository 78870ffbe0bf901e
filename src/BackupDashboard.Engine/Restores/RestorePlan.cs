using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// A restore worked out before anything runs: the chain from the full to the restore point, the
/// steps in order, and the directory that holds the prepared base (the working copy of the
/// full, or the stored full itself in place).
/// </summary>
public sealed record RestorePlan(
    BackupRecord RestorePoint,
    IReadOnlyList<BackupRecord> Chain,
    IReadOnlyList<RestoreStep> Steps,
    string PreparedDir,
    RestoreOptions Options,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The base's checkpoints file name (xtrabackup_checkpoints, or mariadb_backup_checkpoints
    /// from MariaDB 11.1): after prepare its backup_type must say log-applied or full-prepared.
    /// </summary>
    public string CheckpointsFileName { get; init; } = Tools.ToolCapabilities.XtraBackupCheckpoints;
}
