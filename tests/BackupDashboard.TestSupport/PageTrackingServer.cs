using System.Net.Sockets;

namespace BackupDashboard.TestSupport;

/// <summary>
/// A TEST DOUBLE of a MySQL 8.0 server with the mysqlbackup component (MySQL cannot be installed
/// here): a <see cref="ThrowawayMariaDb"/> that calls itself "8.0.35-27" (mariadbd --version=…, so
/// VERSION() has no "MariaDB" in it), reached through <see cref="ComponentSqlProxy"/> on
/// 127.0.0.1:<see cref="Port"/>. It answers the component's SQL as Percona's page-tracking.md and
/// PXB's changed_page_tracking.cc use it (docs/tool-adapters.md, "Page tracking"):
/// <list type="bullet">
/// <item><c>INSTALL COMPONENT "file://component_mysqlbackup"</c> adds the row of
/// <c>mysql.component (component_id, component_group_id, component_urn)</c>; a second install is an
/// error; <c>UNINSTALL COMPONENT</c> removes it (and stops tracking) or is an error when not installed.</item>
/// <item><c>mysqlbackup_page_track_set(true)</c> starts tracking at the server's current LSN
/// (Innodb_lsn_current) and returns that start LSN (already tracking: the start stays);
/// <c>set(false)</c> stops it and returns the stop LSN.</item>
/// <item><c>mysqlbackup_page_track_get_start_lsn()</c>: the start LSN while tracking, 0 when not
/// (PXB takes 0 as "not started").</item>
/// <item><c>mysqlbackup_page_track_get_changed_page_count(start, end)</c> (end 0 = now): the pages
/// of the buffer pool whose newest modification lies in (start, end], or -1 when tracking does not
/// reach back to start. An approximation: a page flushed and evicted since is not counted.</item>
/// <item><c>mysqlbackup_page_track_purge_up_to(lsn)</c>: purges up to min(lsn, current LSN), returns
/// that LSN, and moves the start LSN of running tracking forward to it.</item>
/// </list>
/// Without the component row every function fails as MySQL's would once the component is gone
/// ("FUNCTION … does not exist"). The user <see cref="User"/> / <see cref="Password"/> has ALL PRIVILEGES.
/// </summary>
public sealed class PageTrackingServer : IAsyncLifetime, IAsyncDisposable
{
    public const string User = "backup";
    public const string Password = "tracking pw";
    public const string Urn = "file://component_mysqlbackup";
    public const string Version = "8.0.35-27";

    private ComponentSqlProxy? _proxy;

    public ThrowawayMariaDb Db { get; } = new() { Options = [$"version={Version}"] };

    /// <summary>The proxy's port on 127.0.0.1: where clients reach the double.</summary>
    public int Port => (_proxy ?? throw new InvalidOperationException("The double has not been started.")).Port;

    public const string Host = "127.0.0.1";

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        foreach (var statement in Setup)
        {
            await Db.ExecuteAsync(statement);
        }

        _proxy = new ComponentSqlProxy(async () =>
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, Db.Port);
            return tcp.GetStream();
        });
    }

    /// <summary>The tracking state as the double holds it (tests assert on the double itself).</summary>
    public async Task<(bool Active, ulong StartLsn)> StateAsync()
    {
        var row = await Db.ScalarAsync("SELECT CONCAT(active, ' ', start_lsn) FROM mysql.mysqlbackup_page_track_state") ?? "0 0";
        var parts = row.Split(' ');
        return (parts[0] == "1", ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string Lsn = "(SELECT CAST(variable_value AS UNSIGNED) FROM information_schema.global_status WHERE variable_name = 'INNODB_LSN_CURRENT')";
    private const string Installed = $"EXISTS (SELECT 1 FROM mysql.component WHERE component_urn = '{Urn}')";

    private static string Gone(string function) =>
        $"IF NOT {Installed} THEN SIGNAL SQLSTATE '42000' SET MYSQL_ERRNO = 1305, MESSAGE_TEXT = 'FUNCTION {function} does not exist'; END IF;";

    private static readonly string[] Setup =
    [
        $"CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}'",
        $"CREATE USER '{User}'@'localhost' IDENTIFIED BY '{Password}'",
        $"GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1'",
        $"GRANT ALL PRIVILEGES ON *.* TO '{User}'@'localhost'",
        "CREATE TABLE mysql.component (component_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, component_group_id INT UNSIGNED NOT NULL, "
            + "component_urn VARCHAR(255) NOT NULL, UNIQUE KEY (component_urn)) ENGINE=InnoDB",
        "CREATE TABLE mysql.mysqlbackup_page_track_state (id TINYINT PRIMARY KEY, active BOOL NOT NULL, start_lsn BIGINT UNSIGNED NOT NULL) ENGINE=InnoDB",
        "INSERT INTO mysql.mysqlbackup_page_track_state VALUES (1, 0, 0)",
        $"""
        CREATE PROCEDURE mysql.install_component(urn VARCHAR(255))
        BEGIN
          IF EXISTS (SELECT 1 FROM mysql.component WHERE component_urn = urn) THEN
            SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 3529, MESSAGE_TEXT = 'Cannot load component from specified URN: \'file://component_mysqlbackup\'.';
          END IF;
          INSERT INTO mysql.component (component_group_id, component_urn) SELECT COALESCE(MAX(component_group_id), 0) + 1, urn FROM mysql.component;
        END
        """,
        $"""
        CREATE PROCEDURE mysql.uninstall_component(urn VARCHAR(255))
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM mysql.component WHERE component_urn = urn) THEN
            SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 3537, MESSAGE_TEXT = 'Component specified by URN \'file://component_mysqlbackup\' to unload has not been loaded before.';
          END IF;
          DELETE FROM mysql.component WHERE component_urn = urn;
          UPDATE mysql.mysqlbackup_page_track_state SET active = 0, start_lsn = 0;
        END
        """,
        $"""
        CREATE FUNCTION mysql.mysqlbackup_page_track_set(enable BOOL) RETURNS BIGINT UNSIGNED MODIFIES SQL DATA
        BEGIN
          {Gone("mysqlbackup_page_track_set")}
          IF enable THEN
            UPDATE mysql.mysqlbackup_page_track_state SET start_lsn = IF(active, start_lsn, {Lsn}), active = 1;
            RETURN (SELECT start_lsn FROM mysql.mysqlbackup_page_track_state);
          END IF;
          UPDATE mysql.mysqlbackup_page_track_state SET active = 0;
          RETURN {Lsn};
        END
        """,
        $"""
        CREATE FUNCTION mysql.mysqlbackup_page_track_get_start_lsn() RETURNS BIGINT UNSIGNED READS SQL DATA
        BEGIN
          {Gone("mysqlbackup_page_track_get_start_lsn")}
          RETURN (SELECT IF(active, start_lsn, 0) FROM mysql.mysqlbackup_page_track_state);
        END
        """,
        $"""
        CREATE FUNCTION mysql.mysqlbackup_page_track_get_changed_page_count(from_lsn BIGINT UNSIGNED, to_lsn BIGINT UNSIGNED) RETURNS BIGINT READS SQL DATA
        BEGIN
          {Gone("mysqlbackup_page_track_get_changed_page_count")}
          IF NOT EXISTS (SELECT 1 FROM mysql.mysqlbackup_page_track_state WHERE active AND start_lsn <= from_lsn) THEN
            RETURN -1;
          END IF;
          RETURN (SELECT COUNT(*) FROM information_schema.INNODB_BUFFER_PAGE
                  WHERE NEWEST_MODIFICATION > from_lsn AND (to_lsn = 0 OR NEWEST_MODIFICATION <= to_lsn));
        END
        """,
        $"""
        CREATE FUNCTION mysql.mysqlbackup_page_track_purge_up_to(up_to BIGINT UNSIGNED) RETURNS BIGINT UNSIGNED MODIFIES SQL DATA
        BEGIN
          DECLARE purged BIGINT UNSIGNED DEFAULT LEAST(up_to, {Lsn});
          {Gone("mysqlbackup_page_track_purge_up_to")}
          UPDATE mysql.mysqlbackup_page_track_state SET start_lsn = GREATEST(start_lsn, purged) WHERE active;
          RETURN purged;
        END
        """,
    ];

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await Db.DisposeAsync();
    }
}
