namespace BackupDashboard.Engine.Tools;

/// <summary>Percona XtraBackup 2.4 (MySQL 5.7), 8.0 and 8.4.</summary>
public sealed class XtraBackupTool : IBackupTool
{
    // "Percona XtraBackup 8.0.27 adds support for page tracking" (pxb-docs page-tracking.md),
    // through MySQL's mysqlbackup component.
    private static readonly Version PageTrackingFrom = new(8, 0, 27);

    public BackupToolKind Kind => BackupToolKind.XtraBackup;

    public ToolCapabilities CapabilitiesFor(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);

        // Every XtraBackup rolls back uncommitted transactions in a plain --prepare, after which
        // no incremental can be applied: the base and all but the last incremental need
        // --apply-log-only (pxb-docs prepare-incremental-backup.md, 2.4 to 8.4).
        return new ToolCapabilities(
            Family: "xtrabackup",
            Version: version,
            ApplyLogOnlyAccepted: true,
            ApplyLogOnlyNeeded: true,
            PageTracking: version >= PageTrackingFrom,
            CheckpointsFileName: ToolCapabilities.XtraBackupCheckpoints,
            InfoFileName: ToolCapabilities.XtraBackupInfo,
            Compression: true,
            Parallel: true);
    }

    public ToolInvocation Backup(BackupRequest request, string defaultsExtraFile)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (FilterProblem(request.Filter) is { } filterProblem)
        {
            throw new NotSupportedException(filterProblem);
        }

        var args = BackupArguments.Build(request, defaultsExtraFile);
        if (request.PageTracking)
        {
            if (request.ToolVersion is { } version && !CapabilitiesFor(version).PageTracking)
            {
                throw new NotSupportedException($"XtraBackup {version} has no --page-tracking (it arrived in {PageTrackingFrom}).");
            }

            args.Add("--page-tracking");
        }

        return new ToolInvocation(request.ToolPath, args);
    }

    /// <summary>
    /// "The --tables and --databases options are mutually exclusive. If you use both options in
    /// the same command, XtraBackup ignores --databases" (pxb-docs create-partial-backup.md):
    /// refused rather than quietly backing up something else than asked.
    /// </summary>
    public static string? FilterProblem(Backups.PartialFilter? filter) => filter is { Databases: not null, Tables: not null }
        ? "XtraBackup takes --databases or --tables, not both: given both, it ignores --databases (Percona, \"Create a partial backup\"). Say the databases in the --tables regex instead, e.g. --tables '^(db1|db2)[.]'."
        : null;

    public bool CompletedOk(ToolRunResult result) => BackupArguments.CompletedOk(result);
}
