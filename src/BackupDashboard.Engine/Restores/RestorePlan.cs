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

    /// <summary>A partial backup's plan: prepare --export, then per-table imports the operator runs (<see cref="PartialRestorePlanner"/>).</summary>
    public bool IsPartial => RestorePoint.Partial;

    /// <summary>
    /// Throws when this plan is not one bdash carries out: a partial backup's per-table import
    /// runs against a live server with the operator's own credentials, so the operator runs it
    /// from the plan or the runbook (docs/restore-plans.md, "Partial backups").
    /// </summary>
    public void RequireRunnable()
    {
        if (IsPartial)
        {
            throw new RestoreRefusedException(
                $"bdash does not carry out the restore of {RestorePoint.Id}: it is a partial backup (only some tables), restored by importing each table into the running target server, and those steps are run by the operator. " +
                $"See them with bdash restore {RestorePoint.Id} --plan, or get them as a script with --runbook.");
        }
    }
}
