namespace BackupDashboard.Engine.Tools;

/// <summary>A full copy of the datadir, or the pages changed since a base backup or LSN.</summary>
public enum BackupKind
{
    Full,
    Incremental,
}
