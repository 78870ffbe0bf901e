using System.Globalization;
using System.Text;

namespace BackupDashboard.InnoDb.Metadata;

/// <summary>
/// xtrabackup_checkpoints (mariadb_backup_checkpoints from MariaDB 11.1): the LSN range a
/// backup covers. Written by xtrabackup.cc (xtrabackup_write_metadata / backup_type values
/// full-backuped, incremental, log-applied, full-prepared). Keys we do not know (Percona's
/// flushed_lsn, redo_memory, redo_frames, compact; recover_binlog_info) are kept in order.
/// </summary>
public sealed class CheckpointsFile
{
    public static readonly string[] FileNames = ["xtrabackup_checkpoints", "mariadb_backup_checkpoints"];
    private readonly List<KeyValuePair<string, string>> _entries;

    private CheckpointsFile(List<KeyValuePair<string, string>> entries, string backupType, ulong fromLsn, ulong toLsn, ulong? lastLsn)
    {
        _entries = entries;
        BackupType = backupType;
        FromLsn = fromLsn;
        ToLsn = toLsn;
        LastLsn = lastLsn;
    }

    public string BackupType { get; private set; }
    public ulong FromLsn { get; private set; }
    public ulong ToLsn { get; private set; }
    public ulong? LastLsn { get; private set; }
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    public bool IsIncremental => string.Equals(BackupType, "incremental", StringComparison.Ordinal);
    public bool IsPrepared => BackupType is "log-applied" or "full-prepared";

    public static CheckpointsFile Create(string backupType, ulong fromLsn, ulong toLsn, ulong lastLsn)
    {
        var file = new CheckpointsFile([], backupType, fromLsn, toLsn, lastLsn);
        file.Set("backup_type", backupType);
        file.Set("from_lsn", Text(fromLsn));
        file.Set("to_lsn", Text(toLsn));
        file.Set("last_lsn", Text(lastLsn));
        return file;
    }

    /// <summary>The checkpoints file of a backup directory, under either name; null if none.</summary>
    public static string? FindIn(string backupDirectory) =>
        FileNames.Select(name => Path.Combine(backupDirectory, name)).FirstOrDefault(File.Exists);

    public static CheckpointsFile Read(string path) => Parse(MetadataText.ReadFile(path), path);

    public static CheckpointsFile Parse(string text, string path = "xtrabackup_checkpoints")
    {
        var entries = MetadataText.Parse(text, path);
        var backupType = MetadataValues.Require(entries, "backup_type", path).Value;
        var fromLsn = MetadataValues.Lsn(MetadataValues.Require(entries, "from_lsn", path), path);
        var toLsn = MetadataValues.Lsn(MetadataValues.Require(entries, "to_lsn", path), path);
        var lastLsn = MetadataValues.OptionalLsn(entries, "last_lsn", path);
        return new CheckpointsFile(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)).ToList(), backupType, fromLsn, toLsn, lastLsn);
    }

    public CheckpointsFile WithBackupType(string backupType)
    {
        BackupType = backupType;
        Set("backup_type", backupType);
        return this;
    }

    public CheckpointsFile WithLsns(ulong fromLsn, ulong toLsn, ulong lastLsn)
    {
        (FromLsn, ToLsn, LastLsn) = (fromLsn, toLsn, lastLsn);
        Set("from_lsn", Text(fromLsn));
        Set("to_lsn", Text(toLsn));
        Set("last_lsn", Text(lastLsn));
        return this;
    }

    /// <summary>The file's bytes as xtrabackup writes them: "key = value\n" per line.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _entries)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    public void Write(string path) => File.WriteAllText(path, ToText(), new UTF8Encoding(false));

    private void Set(string key, string value)
    {
        var index = _entries.FindIndex(e => string.Equals(e.Key, key, StringComparison.Ordinal));
        if (index >= 0)
        {
            _entries[index] = KeyValuePair.Create(key, value);
        }
        else
        {
            _entries.Add(KeyValuePair.Create(key, value));
        }
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
