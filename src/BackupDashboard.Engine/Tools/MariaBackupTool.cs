namespace BackupDashboard.Engine.Tools;

/// <summary>mariabackup (mariadb-backup), MariaDB's fork of XtraBackup.</summary>
public sealed class MariaBackupTool : IBackupTool
{
    // MariaDB 10.2 stopped rolling back in --prepare, so --apply-log-only lost its purpose;
    // 10.11 rejects it outright ("unknown option '--apply-log-only'", rc 2: docs/tool-adapters.md).
    private static readonly Version NoApplyLogOnlyFrom = new(10, 2);

    // MariaDB 11.1 renamed the metadata files (mariadb_backup_checkpoints, mariadb_backup_info).
    private static readonly Version MariaDbFileNamesFrom = new(11, 1);

    public BackupToolKind Kind => BackupToolKind.MariaBackup;

    public ToolCapabilities CapabilitiesFor(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var oldPrepare = version < NoApplyLogOnlyFrom;
        var renamed = version >= MariaDbFileNamesFrom;
        return new ToolCapabilities(
            Family: "mariabackup",
            Version: version,
            ApplyLogOnlyAccepted: oldPrepare,
            ApplyLogOnlyNeeded: oldPrepare,
            PageTracking: false,
            CheckpointsFileName: renamed ? "mariadb_backup_checkpoints" : ToolCapabilities.XtraBackupCheckpoints,
            InfoFileName: renamed ? "mariadb_backup_info" : ToolCapabilities.XtraBackupInfo,
            Compression: true,
            Parallel: true);
    }

    public ToolInvocation Backup(BackupRequest request, string defaultsExtraFile)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageTracking)
        {
            throw new NotSupportedException("mariabackup has no page tracking (--page-tracking is an XtraBackup 8.0.27+ option).");
        }

        return new ToolInvocation(request.ToolPath, BackupArguments.Build(request, defaultsExtraFile));
    }

    public bool CompletedOk(ToolRunResult result) => BackupArguments.CompletedOk(result);
}
