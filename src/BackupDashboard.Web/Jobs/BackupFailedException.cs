using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Thrown after a backup that did not succeed (failed or cancelled) has been recorded, so that its
/// Hangfire job ends as failed with the same reason the catalog and the manifest give (the tool's last words).
/// </summary>
public sealed class BackupFailedException(BackupRecord record)
    : Exception($"Backup {record.Id} of '{record.Server}' {(record.Status == BackupStatus.Cancelled ? "was cancelled" : "failed")}: {record.Problem ?? "no reason recorded"}");
