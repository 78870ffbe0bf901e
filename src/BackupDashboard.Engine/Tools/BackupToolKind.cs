namespace BackupDashboard.Engine.Tools;

/// <summary>The physical backup tools the product drives.</summary>
public enum BackupToolKind
{
    MariaBackup,
    XtraBackup,
}
