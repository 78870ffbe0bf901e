using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The server that can open a restored datadir: MariaDB's mariadbd for mariabackup, MySQL's (or
/// Percona Server's) mysqld for XtraBackup. A MariaDB server cannot open MySQL 8 files (a
/// different data dictionary and redo format), and Debian's mariadb-server installs
/// /usr/sbin/mysqld as a link to mariadbd, so the name proves nothing: `mysqld --version` does
/// (MariaDB's says "MariaDB").
/// </summary>
public static class CheckServerProgram
{
    public static async Task<string> FindAsync(string toolFamily, CancellationToken cancellationToken)
    {
        if (toolFamily == "mariabackup")
        {
            return ExecutableFinder.Require("mariadbd", "mariadb-server");
        }

        var mysqld = ExecutableFinder.Find("mysqld")
            ?? throw new CheckServerUnavailableException("cannot verify an XtraBackup restore here: no MySQL mysqld found (none on PATH or in /usr/sbin)");
        var version = await CommandResult.RunAsync(mysqld, ["--version"], cancellationToken).ConfigureAwait(false);
        if (IsMariaDb(version.StandardOutput + version.StandardError))
        {
            throw new CheckServerUnavailableException($"cannot verify an XtraBackup restore here: no MySQL mysqld found ({mysqld} is MariaDB)");
        }

        return mysqld;
    }

    /// <summary>"mysqld  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)".</summary>
    public static bool IsMariaDb(string versionOutput) => versionOutput.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
}

/// <summary>No server on this machine can open the restored files: the check cannot run here.</summary>
public sealed class CheckServerUnavailableException : Exception
{
    public CheckServerUnavailableException()
    {
    }

    public CheckServerUnavailableException(string message)
        : base(message)
    {
    }

    public CheckServerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
