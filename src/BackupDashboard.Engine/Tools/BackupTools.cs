namespace BackupDashboard.Engine.Tools;

/// <summary>The adapter for each tool the product drives.</summary>
public static class BackupTools
{
    private static readonly MariaBackupTool MariaBackup = new();
    private static readonly XtraBackupTool XtraBackup = new();

    public static IBackupTool For(BackupToolKind kind) => kind switch
    {
        BackupToolKind.MariaBackup => MariaBackup,
        BackupToolKind.XtraBackup => XtraBackup,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown backup tool."),
    };
}
