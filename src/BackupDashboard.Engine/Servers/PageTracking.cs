using System.Globalization;
using BackupDashboard.Engine.Backups;
using MySqlConnector;

namespace BackupDashboard.Engine.Servers;

/// <summary>What the operator can do with MySQL's page tracking (bdash server tracking, the API).</summary>
public enum PageTrackingAction
{
    Install,
    Uninstall,
    Start,
    Stop,
    Purge,
}

/// <summary>
/// MySQL's page tracking (the mysqlbackup component) as XtraBackup 8.0.27+ uses it for incrementals:
/// its status against the server's newest backup, and install / uninstall / start / stop / purge,
/// with the SQL of Percona's page-tracking.md (docs/tool-adapters.md, "Page tracking"). The rule
/// the product enforces: an incremental with page tracking needs tracking running since at least
/// the base's to_lsn; after a purge past it, a stop, or a restart of tracking, the next backup is a full.
/// </summary>
public static class PageTracking
{
    public const string Urn = "file://component_mysqlbackup";

    /// <summary>Percona's "purge everything" LSN; the server purges no further than it has tracked.</summary>
    public const ulong PurgeAll = 9223372036854775807;

    public static async Task<PageTrackingStatus> StatusAsync(RegisteredServer server, string? password, IReadOnlyList<BackupRecord> serverBackups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        return await StatusAsync(connection, serverBackups, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries out <paramref name="action"/>; refusals (MariaDB, not installed) throw <see cref="PageTrackingRefusedException"/>.</summary>
    public static async Task<PageTrackingChange> ChangeAsync(RegisteredServer server, string? password, PageTrackingAction action, ulong? upTo,
        IReadOnlyList<BackupRecord> serverBackups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (upTo == 0)
        {
            throw new PageTrackingRefusedException("up_to is an LSN above 0.");
        }

        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        var before = await StatusAsync(connection, serverBackups, cancellationToken).ConfigureAwait(false);
        if (!before.Applicable)
        {
            throw new PageTrackingRefusedException($"'{server.Name}' is MariaDB: page tracking is MySQL's mysqlbackup component (XtraBackup 8.0.27+).");
        }

        if (!before.Installed && action is not (PageTrackingAction.Install or PageTrackingAction.Uninstall))
        {
            throw new PageTrackingRefusedException($"The mysqlbackup component is not installed on '{server.Name}': install it first (bdash server tracking {server.Name} install).");
        }

        var message = action switch
        {
            PageTrackingAction.Install when before.Installed => "The mysqlbackup component was already installed.",
            PageTrackingAction.Install => await Execute(connection, $"INSTALL COMPONENT \"{Urn}\"", "Installed the mysqlbackup component.", cancellationToken),
            PageTrackingAction.Uninstall when !before.Installed => "The mysqlbackup component was not installed.",
            PageTrackingAction.Uninstall => await Execute(connection, $"UNINSTALL COMPONENT \"{Urn}\"", "Uninstalled the mysqlbackup component (tracking ends with it).", cancellationToken),
            PageTrackingAction.Start when before.Tracking => $"Page tracking was already running since LSN {before.StartLsn}.",
            PageTrackingAction.Start => $"Started page tracking at LSN {await ScalarAsync(connection, "SELECT mysqlbackup_page_track_set(true)", cancellationToken)}.",
            PageTrackingAction.Stop when !before.Tracking => "Page tracking was not running.",
            PageTrackingAction.Stop => $"Stopped page tracking at LSN {await ScalarAsync(connection, "SELECT mysqlbackup_page_track_set(false)", cancellationToken)}.",
            _ => $"Purged page tracking data up to LSN {await ScalarAsync(connection, $"SELECT mysqlbackup_page_track_purge_up_to({upTo ?? PurgeAll})", cancellationToken)}.",
        };
        var after = await StatusAsync(connection, serverBackups, cancellationToken).ConfigureAwait(false);
        return new PageTrackingChange(action.ToString().ToLowerInvariant(), message, after);
    }

    /// <summary>Starts tracking if it is not running (before a full with --page-tracking); the start LSN, or null when it was running.</summary>
    public static async Task<ulong?> EnsureStartedAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        if (await StartLsnAsync(connection, cancellationToken).ConfigureAwait(false) is not 0)
        {
            return null;
        }

        return ParseLsn(await ScalarAsync(connection, "SELECT mysqlbackup_page_track_set(true)", cancellationToken).ConfigureAwait(false));
    }

    private static async Task<PageTrackingStatus> StatusAsync(MySqlConnection connection, IReadOnlyList<BackupRecord> serverBackups, CancellationToken cancellationToken)
    {
        var version = await ScalarAsync(connection, "SELECT VERSION()", cancellationToken).ConfigureAwait(false) ?? "";
        if (version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase))
        {
            return PageTrackingStatus.NotApplicable;
        }

        var installed = await ScalarAsync(connection, $"SELECT COUNT(1) FROM mysql.component WHERE component_urn = '{Urn}'", cancellationToken).ConfigureAwait(false) != "0";
        var start = installed ? await StartLsnAsync(connection, cancellationToken).ConfigureAwait(false) : 0;
        return await StatusAsync(connection, installed, start, serverBackups, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The status of a MySQL server from whether the component is installed and tracking's start
    /// LSN (0: not running), as the caller read them on <paramref name="connection"/> (the server test reads them itself).
    /// </summary>
    internal static async Task<PageTrackingStatus> StatusAsync(MySqlConnection connection, bool installed, ulong start, IReadOnlyList<BackupRecord> serverBackups,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serverBackups);
        var newest = serverBackups.Where(b => b.IsGood && b.ToLsn is not null).MaxBy(b => b.StartedAt);
        long? changed = null;
        if (start > 0 && newest?.ToLsn is { } baseLsn && start <= baseLsn)
        {
            var count = await ScalarAsync(connection, $"SELECT mysqlbackup_page_track_get_changed_page_count({baseLsn}, 0)", cancellationToken).ConfigureAwait(false);
            changed = long.TryParse(count, CultureInfo.InvariantCulture, out var pages) && pages >= 0 ? pages : null;
        }

        return new PageTrackingStatus(true, installed, start > 0, start > 0 ? start : null, newest?.Id, newest?.ToLsn, changed,
            FullNeeded(installed, start, newest));
    }

    /// <summary>Why the next backup with page tracking must be a full; null when an incremental can use it.</summary>
    private static string? FullNeeded(bool installed, ulong start, BackupRecord? newest) =>
        !installed ? null
        : newest?.ToLsn is not { } baseLsn ? "There is no good backup yet: the next backup is a full."
        : start == 0 ? $"Page tracking is not running, so it holds no changed pages since backup {newest.Id} (to_lsn {baseLsn}): the next backup must be a full (it starts tracking)."
        : start > baseLsn ? $"Page tracking data starts at LSN {start}, after backup {newest.Id}'s to_lsn {baseLsn} (purged or restarted since): the next backup must be a full."
        : null;

    private static async Task<ulong> StartLsnAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        ParseLsn(await ScalarAsync(connection, "SELECT mysqlbackup_page_track_get_start_lsn()", cancellationToken).ConfigureAwait(false)) ?? 0;

    private static ulong? ParseLsn(string? text) => ulong.TryParse(text, CultureInfo.InvariantCulture, out var lsn) ? lsn : null;

    private static async Task<string> Execute(MySqlConnection connection, string sql, string done, CancellationToken cancellationToken)
    {
        await ServerConnection.ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        return done;
    }

    private static Task<string?> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken) =>
        ServerConnection.ScalarAsync(connection, sql, cancellationToken);
}
