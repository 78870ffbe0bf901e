using BackupDashboard.Engine.Tools;

namespace BackupDashboard.TestSupport;

/// <summary>
/// Programs the real-component tests need. A missing one fails the test with the command that
/// installs it (./test.sh runs it): tests never skip quietly, in CI or anywhere else.
/// </summary>
public static class RequiredTool
{
    public static string MariaBackup => ExecutableFinder.Require("mariabackup", "mariadb-backup");
    public static string MariaDbd => ExecutableFinder.Require("mariadbd", "mariadb-server");
    public static string Chromium => ExecutableFinder.Require("chromium", "chromium");
    /// <summary>The mysql client the fake xtrabackup's --page-tracking asks the server through.</summary>
    public static string MariaDbClient => ExecutableFinder.Require("mariadb", "mariadb-client");
    public static string Sysbench => ExecutableFinder.Require("sysbench", "sysbench");
}
