namespace BackupDashboard.Engine.Restores;

/// <summary>
/// What an operator types next, once a restore has put the prepared data in the datadir: start
/// the server on it under its own user, then look at its error log. The server program follows
/// the tool that took the chain: MariaDB's mariadbd for mariabackup, MySQL's mysqld for
/// XtraBackup (a MariaDB server does not start on MySQL's data files).
/// </summary>
public static class StartCommands
{
    public static IReadOnlyList<string> For(RestorePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return For(plan.Options.DataDir, plan.Options.Owner, plan.RestorePoint.ToolName);
    }

    /// <param name="owner">user:group the result belongs to; the server runs as that user.</param>
    /// <param name="toolName">The tool that took the chain (its manifest's name).</param>
    public static IReadOnlyList<string> For(string dataDir, string owner, string toolName)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(toolName);
        var user = owner.Split(':', 2)[0];
        var program = toolName.Contains("xtrabackup", StringComparison.OrdinalIgnoreCase) ? "mysqld" : "mariadbd";
        var service = program == "mysqld" ? "mysql" : "mariadb";
        return
        [
            $"# when {dataDir} is the datadir in the server's configuration:",
            $"sudo systemctl start {service}",
            "# otherwise, by hand, with the server's own settings and user:",
            ShellWords.Command([program, "--defaults-file=/etc/mysql/my.cnf", $"--user={user}", $"--datadir={dataDir}"]),
            "# then check its error log for \"ready for connections\" and run CHECK TABLE on what matters most",
        ];
    }
}
