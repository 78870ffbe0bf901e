using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests;

public class BackupPrivilegesTests
{
    [Fact]
    public void Missing_global_privileges_are_named_and_database_level_grants_do_not_count()
    {
        string[] grants =
        [
            "GRANT PROCESS ON *.* TO `backup`@`localhost` IDENTIFIED BY PASSWORD '*ABC'",
            "GRANT RELOAD, LOCK TABLES ON `shop`.* TO `backup`@`localhost`",
        ];

        Assert.Equal(["RELOAD", "LOCK TABLES"], BackupPrivileges.Missing(grants, BackupPrivileges.Required(BackupToolKind.MariaBackup)));
    }

    [Fact]
    public void All_privileges_on_everything_lacks_nothing()
    {
        Assert.Empty(BackupPrivileges.Missing(["GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"],
            BackupPrivileges.Required(BackupToolKind.XtraBackup)));
    }
}
