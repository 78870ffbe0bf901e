namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The files --copy-back leaves out of the datadir: the tool's bookkeeping. A file is skipped when
/// its name ends with one of these. MariaDB: extra/mariabackup/backup_copy.cc, copy_back();
/// Percona: storage/innobase/xtrabackup/src/backup_copy.cc, should_skip_file_on_copy_back(). The
/// rest (xtrabackup_info, xtrabackup_binlog_pos_innodb, aria_log_control …) is copied, so a rename
/// keeps it too.
/// </summary>
internal static class CopyBackSkips
{
    private static readonly string[] MariaBackup = ["backup-my.cnf", "xtrabackup_binary", "xtrabackup_binlog_info", "xtrabackup_checkpoints", ".qp", ".pmap", ".tmp"];
    private static readonly string[] XtraBackup = ["backup-my.cnf", "xtrabackup_logfile", "xtrabackup_binary", "xtrabackup_binlog_info", "xtrabackup_checkpoints", ".qp", ".pmap", ".tmp", ".xbcrypt"];

    /// <summary>The endings for the family, with the plan's own checkpoints file name (mariadb_backup_checkpoints from MariaDB 11.1).</summary>
    public static IReadOnlyList<string> For(string family, string checkpointsFileName) =>
        [.. (family == "mariabackup" ? MariaBackup : XtraBackup).Append(checkpointsFileName).Distinct(StringComparer.Ordinal)];

    /// <summary>Deletes them under <paramref name="dataDir"/>, at any depth as copy-back walks it; returns what was deleted, relative.</summary>
    public static List<string> Remove(string dataDir, IReadOnlyList<string> endings)
    {
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories).ToList())
        {
            if (endings.Any(e => Path.GetFileName(file).EndsWith(e, StringComparison.Ordinal)))
            {
                File.Delete(file);
                removed.Add(Path.GetRelativePath(dataDir, file));
            }
        }

        return removed;
    }
}
