using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// What the tools' documentation warns of, said where an operator starts, plans or reads a
/// backup (docs/tool-adapters.md, "Warnings"). Worked out from the order or from the backup's
/// recorded command line, so nothing extra is stored.
/// </summary>
public static class BackupWarnings
{
    /// <summary>
    /// Percona XtraBackup docs, page-tracking.md, "Known issue": an index built in place with the
    /// exclusive algorithm and added after the last LSN checkpoint can give a bad incremental with
    /// page tracking. The docs name no log message for it, so it cannot be seen in tool.log: it is
    /// said every time instead.
    /// </summary>
    public const string PageTrackingIndexBuild =
        "Page tracking: an index built in place with an exclusive lock (ALTER TABLE … ADD INDEX, ALGORITHM=INPLACE, LOCK=EXCLUSIVE) " +
        "after the server's last checkpoint can make a bad incremental with page tracking (Percona XtraBackup docs, page tracking, " +
        "\"Known issue\"). After such DDL take a full backup, not an incremental.";

    public const string PageTrackingOption = "--page-tracking";

    /// <summary>Before the run: an incremental asked to use page tracking.</summary>
    public static IReadOnlyList<string> ForOrder(BackupOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order is { Kind: BackupKind.Incremental, PageTracking: true } ? [PageTrackingIndexBuild] : [];
    }

    /// <summary>After the run, or when the backup is read later: an incremental taken with page tracking.</summary>
    public static IReadOnlyList<string> ForBackup(BackupRecord backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return backup.Kind == BackupKind.Incremental && backup.CommandLine.Contains(PageTrackingOption, StringComparer.Ordinal)
            ? [$"{backup.Id} was taken with page tracking. {PageTrackingIndexBuild}"]
            : [];
    }

    /// <summary>Why this tool cannot be given --incremental-force-scan, or null when it can.</summary>
    public static string? NoForceScan(IBackupTool tool, InstalledTool installed)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(installed);
        return installed.ParsedVersion is { } version
            ? tool.CapabilitiesFor(version).NoIncrementalForceScan
            : $"The version of {installed.Name} (\"{installed.Version}\") could not be read, so whether it has --incremental-force-scan is not known.";
    }
}
