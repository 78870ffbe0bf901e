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

    /// <summary>MariaDB's MyRocks engine: a plugin file, loaded with <see cref="MyRocksOption"/>.</summary>
    public static string MyRocksPlugin => File.Exists(MyRocksPluginFile) ? MyRocksPluginFile
        : throw new FileNotFoundException($"{MyRocksPluginFile} was not found. Install it with: apt-get install -y mariadb-plugin-rocksdb " +
            "(./test.sh does this for you).", MyRocksPluginFile);

    /// <summary>The option-file line that loads MyRocks into a <see cref="ThrowawayMariaDb"/>.</summary>
    public const string MyRocksOption = "plugin-load-add=ha_rocksdb";

    private const string MyRocksPluginFile = "/usr/lib/mysql/plugin/ha_rocksdb.so";
}
