using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests;

/// <summary>
/// The page tracking double itself (docs/tool-adapters.md, "Page tracking"): the proxy rewrites only
/// what MariaDB cannot parse, and the stored functions answer as the component's documented SQL.
/// </summary>
public sealed class PageTrackingDoubleTests
{
    [Theory]
    [InlineData("INSTALL COMPONENT \"file://component_mysqlbackup\"", "CALL mysql.install_component(\"file://component_mysqlbackup\")")]
    [InlineData("  uninstall component 'file://component_mysqlbackup';", "CALL mysql.uninstall_component('file://component_mysqlbackup')")]
    [InlineData("SELECT mysqlbackup_page_track_set(true)", "SELECT mysql.mysqlbackup_page_track_set(true)")]
    [InlineData("SELECT mysqlbackup_page_track_get_changed_page_count(5, 0)", "SELECT mysql.mysqlbackup_page_track_get_changed_page_count(5, 0)")]
    [InlineData("SELECT mysql.mysqlbackup_page_track_get_start_lsn()", "SELECT mysql.mysqlbackup_page_track_get_start_lsn()")]
    [InlineData("SELECT 'mysqlbackup_page_track_set' AS name, VERSION()", "SELECT 'mysqlbackup_page_track_set' AS name, VERSION()")]
    [InlineData("SELECT COUNT(1) FROM mysql.component", "SELECT COUNT(1) FROM mysql.component")]
    public void The_proxy_rewrites_only_the_component_sql(string sent, string run) => Assert.Equal(run, ComponentSqlProxy.Rewrite(sent));

    [Fact]
    public async Task The_component_sql_answers_as_documented_through_the_proxy()
    {
        await using var server = new PageTrackingServer();
        await server.InitializeAsync();
        var registered = new RegisteredServer
        {
            Name = "double", Host = PageTrackingServer.Host, Port = server.Port, User = PageTrackingServer.User, DataDir = server.Db.DataDir,
            Tool = Engine.Tools.BackupToolKind.XtraBackup,
        };

        var before = await PageTracking.StatusAsync(registered, PageTrackingServer.Password, [], CancellationToken.None);
        var stopWithout = await Assert.ThrowsAsync<PageTrackingRefusedException>(() =>
            PageTracking.ChangeAsync(registered, PageTrackingServer.Password, PageTrackingAction.Start, null, [], CancellationToken.None));
        await PageTracking.ChangeAsync(registered, PageTrackingServer.Password, PageTrackingAction.Install, null, [], CancellationToken.None);
        var started = await PageTracking.ChangeAsync(registered, PageTrackingServer.Password, PageTrackingAction.Start, null, [], CancellationToken.None);
        var again = await PageTracking.ChangeAsync(registered, PageTrackingServer.Password, PageTrackingAction.Start, null, [], CancellationToken.None);
        await server.Db.ExecuteAsync("CREATE TABLE mysql.moved (id INT PRIMARY KEY) ENGINE=InnoDB");
        var purged = await PageTracking.ChangeAsync(registered, PageTrackingServer.Password, PageTrackingAction.Purge, null, [], CancellationToken.None);
        var uninstalled = await PageTracking.ChangeAsync(registered, PageTrackingServer.Password, PageTrackingAction.Uninstall, null, [], CancellationToken.None);

        Assert.True(before.Applicable);
        Assert.False(before.Installed);
        Assert.Contains("install it first", stopWithout.Message, StringComparison.Ordinal);
        Assert.True(started.Status.Tracking);
        Assert.Equal(started.Status.StartLsn, again.Status.StartLsn);
        Assert.Contains("already running", again.Message, StringComparison.Ordinal);
        Assert.True(purged.Status.StartLsn > started.Status.StartLsn, $"{purged.Status.StartLsn} after {started.Status.StartLsn}");
        Assert.False(uninstalled.Status.Installed);
        Assert.False(uninstalled.Status.Tracking);
        var gone = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => server.Db.ScalarAsync("SELECT mysql.mysqlbackup_page_track_get_start_lsn()"));
        Assert.Contains("does not exist", gone.Message, StringComparison.Ordinal);
    }
}
