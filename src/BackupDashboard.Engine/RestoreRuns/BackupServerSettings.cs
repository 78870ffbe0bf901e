namespace BackupDashboard.Engine.Restores;

/// <summary>
/// backup-my.cnf: the server settings the backup tool recorded in the backup's target directory
/// (mariabackup's extra/mariabackup/backup_copy.cc, write_backup_config_file). It holds the InnoDB
/// settings a server needs to open the files (innodb_page_size, innodb_checksum_algorithm,
/// innodb_log_file_size, innodb_undo_tablespaces, innodb_data_file_path) and, when the server had
/// an encryption plugin active, plugin_load, plugin_dir and the plugin's own variables
/// (extra/mariabackup/encryption_plugin.cc). --copy-back does not copy it into the datadir
/// (measured, mariabackup 10.11.19), so it is read from the backup.
/// </summary>
public sealed record BackupServerSettings(string Path, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    public const string FileName = "backup-my.cnf";

    /// <summary>The first of <paramref name="directories"/> that holds a backup-my.cnf; null when none does.</summary>
    public static BackupServerSettings? ReadFirst(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var path = directories.Select(d => System.IO.Path.Combine(d, FileName)).FirstOrDefault(File.Exists);
        return path is null ? null : Parse(path, File.ReadAllLines(path));
    }

    /// <summary>
    /// The [mysqld] section's <c>name=value</c> lines, names in the underscore spelling, values as
    /// written (an option file reader reads them again). Comments and other sections are left out.
    /// </summary>
    public static BackupServerSettings Parse(string path, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var settings = new List<KeyValuePair<string, string>>();
        var inServer = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inServer = line is "[mysqld]" or "[server]" or "[mariadbd]";
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (!inServer || line.Length == 0 || line[0] is '#' or ';' || eq <= 0)
            {
                continue;
            }

            var name = line[..eq].Trim().Replace('-', '_').ToLowerInvariant();
            settings.Add(new(name, line[(eq + 1)..].Trim()));
        }

        return new BackupServerSettings(path, settings);
    }

    /// <summary>The value without one pair of surrounding quotes, as the option file reader takes it.</summary>
    public static string Unquoted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
    }
}
