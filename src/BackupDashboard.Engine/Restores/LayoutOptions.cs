using System.Diagnostics;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The server options that make --copy-back put files outside the datadir: copy-back reads the
/// option files (no --no-defaults is passed) and sends the system tablespace to
/// innodb_data_home_dir, the redo log to innodb_log_group_home_dir and the undo tablespaces to
/// innodb_undo_directory (MariaDB extra/mariabackup/backup_copy.cc, copy_back()). A rename of the
/// whole prepared folder would put them in the datadir instead, so with any of them set the
/// result is copied back. Read with my_print_defaults, which reads the same files and groups.
/// </summary>
internal static class LayoutOptions
{
    private static readonly string[] Placing = ["innodb_data_home_dir", "innodb_log_group_home_dir", "innodb_undo_directory", "innodb-data-home-dir", "innodb-log-group-home-dir", "innodb-undo-directory"];

    /// <summary>The placing options set in the option files ("--innodb_log_group_home_dir=/x"), or null when they cannot be read.</summary>
    public static IReadOnlyList<string>? Set(string family)
    {
        // --mysqld stands for the server's own groups (mysqld, server, mariadb, mariadbd and their
        // version groups); the tool also reads its own.
        string[] groups = family == "mariabackup" ? ["--mysqld", "mariabackup", "mariadb-backup", "xtrabackup"] : ["--mysqld", "xtrabackup"];
        try
        {
            using var process = Process.Start(new ProcessStartInfo("my_print_defaults", groups)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode != 0
                ? null
                : output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(o => Placing.Any(p => o.StartsWith("--" + p + "=", StringComparison.Ordinal) && !InDataDir(o[(p.Length + 3)..])))
                    .ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // my_print_defaults is not installed
        }
    }

    /// <summary>"" and "./" mean the datadir itself.</summary>
    private static bool InDataDir(string value) => value.Trim('"', '\'') is "" or "." or "./";
}
