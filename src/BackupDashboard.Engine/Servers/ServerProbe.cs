using System.Globalization;
using System.Text.RegularExpressions;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using MySqlConnector;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// Tests a registered server: connects, reads what backups and restores depend on (version,
/// datadir, page size, checksum algorithm, current LSN, MySQL's page tracking component) and
/// names the privileges the backup tool would miss. Page tracking's status against the server's
/// newest backup is read on the same connection (<see cref="PageTracking"/>).
/// </summary>
public static partial class ServerProbe
{
    public static async Task<ServerReport> TestAsync(RegisteredServer server, string? password, IReadOnlyList<BackupRecord> serverBackups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        var version = await Scalar(connection, "SELECT VERSION()", cancellationToken).ConfigureAwait(false) ?? "";
        var isMariaDb = version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var dataDir = await Scalar(connection, "SELECT @@datadir", cancellationToken).ConfigureAwait(false) ?? "";
        var pageSize = int.Parse(await Scalar(connection, "SELECT @@innodb_page_size", cancellationToken).ConfigureAwait(false) ?? "16384", CultureInfo.InvariantCulture);
        var checksum = await Scalar(connection, "SELECT @@innodb_checksum_algorithm", cancellationToken).ConfigureAwait(false) ?? "";
        var lsn = await CurrentLsnAsync(connection, cancellationToken).ConfigureAwait(false);
        var (tracking, trackingLsn) = isMariaDb ? (false, null) : await PageTrackingAsync(connection, cancellationToken).ConfigureAwait(false);
        var grants = await RowsAsync(connection, "SHOW GRANTS", cancellationToken).ConfigureAwait(false);
        var missing = BackupPrivileges.Missing(grants, BackupPrivileges.Required(server.Tool));
        var trackingStatus = isMariaDb ? PageTrackingStatus.NotApplicable : await TrackingStatusAsync(connection, tracking, trackingLsn, serverBackups, cancellationToken).ConfigureAwait(false);
        var tool = await InstalledTool.DetectAsync(server.Tool, server.ToolPath, cancellationToken).ConfigureAwait(false);
        return new ServerReport(version, isMariaDb, dataDir, pageSize, checksum, lsn, tracking, trackingLsn, missing,
            tool.Name, tool.Path, tool.Version, tool.Problem) { PageTracking = trackingStatus };
    }

    /// <summary>The server's current LSN alone: one connection, one status read (the overview asks this often).</summary>
    public static async Task<ulong> LsnAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        return await CurrentLsnAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who the server says it is (<see cref="SourceIdentity"/>).</summary>
    public static async Task<SourceIdentity> IdentityAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        var row = await RowsAsync(connection, "SELECT CONCAT_WS(CHAR(10), @@hostname, @@port, @@datadir, VERSION())", cancellationToken).ConfigureAwait(false);
        var parts = (row.Count == 1 ? row[0] : "").Split('\n');
        return parts.Length == 4 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var port)
            ? new SourceIdentity(server.Endpoint, parts[0], port, parts[2], parts[3])
            : throw new InvalidOperationException($"'{server.Name}' did not say its @@hostname, @@port, @@datadir and VERSION().");
    }

    /// <summary>The server's current LSN, read the way <see cref="TestAsync"/> reads it.</summary>
    public static async Task<ulong> CurrentLsnAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
        return await CurrentLsnAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Innodb_lsn_current (MariaDB, Percona); otherwise "Log sequence number" of SHOW ENGINE INNODB STATUS (MySQL).</summary>
    private static async Task<ulong> CurrentLsnAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(connection, "SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'", cancellationToken, column: 1).ConfigureAwait(false);
        if (rows.Count == 1 && ulong.TryParse(rows[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lsn))
        {
            return lsn;
        }

        var status = await RowsAsync(connection, "SHOW ENGINE INNODB STATUS", cancellationToken, column: 2).ConfigureAwait(false);
        var match = LogSequenceNumber().Match(string.Join('\n', status));
        return match.Success ? ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The server reports no InnoDB LSN (Innodb_lsn_current or SHOW ENGINE INNODB STATUS).");
    }

    private static async Task<(bool, ulong?)> PageTrackingAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var installed = await Scalar(connection,
            "SELECT COUNT(*) FROM mysql.component WHERE component_urn = 'file://component_mysqlbackup'", cancellationToken).ConfigureAwait(false);
        if (installed != "1")
        {
            return (false, null);
        }

        var start = await Scalar(connection, "SELECT mysqlbackup_page_track_get_start_lsn()", cancellationToken).ConfigureAwait(false);
        return (true, ulong.TryParse(start, CultureInfo.InvariantCulture, out var lsn) ? lsn : null);
    }

    /// <summary>The status from what the test read; null when the server would not answer the component's SQL.</summary>
    private static async Task<PageTrackingStatus?> TrackingStatusAsync(MySqlConnection connection, bool installed, ulong? startLsn,
        IReadOnlyList<BackupRecord> serverBackups, CancellationToken cancellationToken)
    {
        try
        {
            return await PageTracking.StatusAsync(connection, installed, installed ? startLsn ?? 0 : 0, serverBackups, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            return null;
        }
    }

    private static Task<string?> Scalar(MySqlConnection connection, string sql, CancellationToken cancellationToken) =>
        ServerConnection.ScalarAsync(connection, sql, cancellationToken);

    private static async Task<List<string>> RowsAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken, int column = 0)
    {
        using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }

    [GeneratedRegex(@"Log sequence number\s+(\d+)")]
    private static partial Regex LogSequenceNumber();
}
