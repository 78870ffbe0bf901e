namespace BackupDashboard.Engine.Backups;

/// <summary>Where a backup run stands. Only <see cref="Succeeded"/> backups are bases or restore points.</summary>
public enum BackupStatus
{
    Running,
    Succeeded,
    Failed,
}
