namespace BackupDashboard.Engine.Tools;

/// <summary>Percona XtraBackup 2.4 (MySQL 5.7), 8.0 and 8.4.</summary>
public sealed class XtraBackupTool : IBackupTool
{
    // "Percona XtraBackup 8.0.27 adds support for page tracking" (pxb-docs page-tracking.md),
    // through MySQL's mysqlbackup component.
    private static readonly Version PageTrackingFrom = new(8, 0, 27);

    // "Percona XtraBackup 8.0.30 removes the algorithm that used the changed page tracking feature
    // in Percona Server for MySQL" (pxb-docs create-incremental-backup.md): from then on there is
    // no bitmap for --incremental-force-scan to override.
    private static readonly Version NoChangedPageBitmapsFrom = new(8, 0, 30);

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
            Parallel: true)
        {
            NoIncrementalForceScan = version >= NoChangedPageBitmapsFrom
                ? $"XtraBackup {version} no longer reads Percona Server's changed page bitmaps (8.0.30 removed that algorithm), so --incremental-force-scan has nothing to override: its incrementals read every page, or use --page-tracking."
                : null,
        };
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

        if (request.IncrementalForceScan)
        {
            if (request.ToolVersion is { } version && CapabilitiesFor(version).NoIncrementalForceScan is { } why)
            {
                throw new NotSupportedException(why);
            }

            args.Add("--incremental-force-scan");
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
