namespace BackupDashboard.Engine.Restores;

/// <summary>
/// What the check server takes from the backup's backup-my.cnf (docs/restore-plans.md, "The
/// check server"): the InnoDB settings fixed when the files were made, and the encryption
/// plugin with its variables so that encrypted tables can be read. Nothing else: the rest of a
/// server's configuration (buffer sizes, replication, paths) is no business of a check.
/// </summary>
public sealed record CheckServerOptions(IReadOnlyList<string> Lines, IReadOnlyList<string> Notes, string? KeyManagement)
{
    /// <summary>The file_key_management key file the check server reads at start (a path; bdash never reads it).</summary>
    public string? KeyFile { get; init; }

    /// <summary>Settings a server cannot open the files without, or that keep the files as the operator's server expects them.</summary>
    private static readonly HashSet<string> InnoDbSettings = new(StringComparer.Ordinal)
    {
        "innodb_page_size", "innodb_checksum_algorithm", "innodb_log_file_size", "innodb_undo_tablespaces", "innodb_data_file_path",
    };

    /// <summary>Only meaningful with an encryption plugin; without one, InnoDB refuses to start when they are ON.</summary>
    private static readonly HashSet<string> EncryptionSettings = new(StringComparer.Ordinal)
    {
        "innodb_encrypt_log", "innodb_encrypt_tables", "innodb_encrypt_temporary_tables", "innodb_encryption_threads",
    };

    public static readonly CheckServerOptions None = new([], [], null);

    public static CheckServerOptions From(BackupServerSettings? backup)
    {
        if (backup is null)
        {
            return new([], [$"no {BackupServerSettings.FileName} in the backup: the check server starts with its defaults (16k pages)"], null);
        }

        var lines = backup.Settings.Where(s => InnoDbSettings.Contains(s.Key)).Select(s => $"{s.Key}={s.Value}").ToList();
        var notes = new List<string>();
        var plugins = PluginNames(backup);
        if (plugins.Count == 0)
        {
            return new(lines, notes, null);
        }

        if (MissingKeyFile(backup) is { } missing)
        {
            notes.Add($"the key file {missing} named in {backup.Path} is not on this machine: encrypted tables cannot be checked here");
            return new(lines, notes, null);
        }

        // plugin_load would replace the server's whole list; plugin_load_add adds to it.
        lines.AddRange(backup.Settings.Where(s => s.Key == "plugin_load").Select(s => $"plugin_load_add={s.Value}"));
        lines.AddRange(backup.Settings.Where(s => s.Key == "plugin_dir" || EncryptionSettings.Contains(s.Key)).Select(s => $"{s.Key}={s.Value}"));
        lines.AddRange(backup.Settings.Where(s => plugins.Any(p => s.Key.StartsWith(p + "_", StringComparison.Ordinal))).Select(s => $"{s.Key}={s.Value}"));
        return new(lines, notes, string.Join(", ", plugins)) { KeyFile = KeyFiles(backup).FirstOrDefault(path => path.Length > 0) };
    }

    /// <summary>plugin_load=name=library;name2=library2 (mysqld's --plugin-load syntax).</summary>
    private static List<string> PluginNames(BackupServerSettings backup) =>
        backup.Settings.Where(s => s.Key == "plugin_load")
            .SelectMany(s => BackupServerSettings.Unquoted(s.Value).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => p.Split('=')[0].Trim().ToLowerInvariant())
            .ToList();

    /// <summary>file_key_management reads its keys from a file at start: a path from another machine may not exist here.</summary>
    private static string? MissingKeyFile(BackupServerSettings backup) =>
        KeyFiles(backup).FirstOrDefault(path => path.Length > 0 && !File.Exists(path));

    private static IEnumerable<string> KeyFiles(BackupServerSettings backup) =>
        backup.Settings.Where(s => s.Key == "file_key_management_filename").Select(s => BackupServerSettings.Unquoted(s.Value));
}
