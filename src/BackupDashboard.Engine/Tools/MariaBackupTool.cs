namespace BackupDashboard.Engine.Tools;

/// <summary>mariabackup (mariadb-backup), MariaDB's fork of XtraBackup.</summary>
public sealed class MariaBackupTool : IBackupTool
{
    // MariaDB 10.2 stopped rolling back in --prepare, so --apply-log-only lost its purpose;
    // 10.11 rejects it outright ("unknown option '--apply-log-only'", rc 2: docs/tool-adapters.md).
    private static readonly Version NoApplyLogOnlyFrom = new(10, 2);

    // MariaDB 11.1 renamed the metadata files (mariadb_backup_checkpoints, mariadb_backup_info).
    private static readonly Version MariaDbFileNamesFrom = new(11, 1);

    // 10.11 lists --incremental-force-scan ("Perform a full-scan incremental backup even in the
    // presence of changed page bitmap data"), but MariaDB writes no changed page bitmaps
    // (MariaDB's mariadb-backup options page: "this option is useless"): it is never passed.
    internal const string NoForceScan =
        "mariabackup has --incremental-force-scan only for XtraBackup's changed page bitmaps, which MariaDB does not write: every mariabackup incremental already reads every page, so the option would change nothing.";

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
            Parallel: true)
        {
            NoIncrementalForceScan = NoForceScan,
        };
    }

    public ToolInvocation Backup(BackupRequest request, string defaultsExtraFile)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageTracking)
        {
            throw new NotSupportedException("mariabackup has no page tracking (--page-tracking is an XtraBackup 8.0.27+ option).");
        }

        if (request.IncrementalForceScan)
        {
            throw new NotSupportedException(NoForceScan);
        }

        return new ToolInvocation(request.ToolPath, BackupArguments.Build(request, defaultsExtraFile));
    }

    public bool CompletedOk(ToolRunResult result) => BackupArguments.CompletedOk(result);
}
