using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Whether a backup passes --page-tracking (docs/tool-adapters.md, "Page tracking"): asked for, or
/// by itself for an XtraBackup 8.0.27+ server with the mysqlbackup component installed. An
/// incremental with it is refused before anything is written when tracking does not reach back to
/// its from_lsn (stopped, purged past it, restarted): the next backup must be a full.
/// </summary>
internal static class PageTrackingGate
{
    public static async Task<bool> DecideAsync(RegisteredServer server, string? password, BackupOrder order, bool toolCan, ulong? fromLsn, CancellationToken cancellationToken)
    {
        if (server.Tool != BackupToolKind.XtraBackup || !toolCan)
        {
            // Asked for with a tool that cannot: refused before this (BackupRunner.PlanAsync).
            return order.PageTracking;
        }

        PageTrackingStatus status;
        try
        {
            status = await PageTracking.StatusAsync(server, password, [], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MySqlConnector.MySqlException or InvalidOperationException)
        {
            // Unreachable: the tool will say so; an explicit --page-tracking cannot be checked.
            return order.PageTracking
                ? throw new BackupRefusedException($"Cannot read page tracking on '{server.Name}': {e.Message}")
                : false;
        }

        if (!status.Applicable || !status.Installed)
        {
            return order.PageTracking
                ? throw new BackupRefusedException(!status.Applicable
                    ? $"'{server.Name}' is MariaDB: it has no page tracking (MySQL's mysqlbackup component)."
                    : $"The mysqlbackup component is not installed on '{server.Name}': install it first (bdash server tracking {server.Name} install).")
                : false;
        }

        if (order.Kind == BackupKind.Incremental && fromLsn is { } from)
        {
            if (status.StartLsn is not { } start)
            {
                throw new BackupRefusedException(
                    $"Page tracking is not running on '{server.Name}', so it holds no changed pages since LSN {from}: take a full backup (it starts tracking).");
            }

            if (start > from)
            {
                throw new BackupRefusedException(
                    $"Page tracking data on '{server.Name}' starts at LSN {start}, after the base's to_lsn {from} (purged or restarted since): take a full backup.");
            }
        }

        return true;
    }

    /// <summary>
    /// Before a full with --page-tracking: starts tracking if it is not running, so that the tool's
    /// wait for the checkpoint to pass the start LSN is as short as can be. The notes for the run.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StartAheadAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        try
        {
            return await PageTracking.EnsureStartedAsync(server, password, cancellationToken).ConfigureAwait(false) is { } started
                ? [$"Started page tracking at LSN {started} before the full backup."]
                : [];
        }
        catch (MySqlConnector.MySqlException e)
        {
            return [$"Could not start page tracking ahead of the tool ({e.Message}); XtraBackup starts it itself."];
        }
    }

    /// <summary>The tool's log line that says it waited for the checkpoint to pass tracking's start LSN (PXB changed_page_tracking.cc).</summary>
    public static bool IsCheckpointWait(string line) => line.Contains("pagetracking: Sleeping for", StringComparison.Ordinal);
}
