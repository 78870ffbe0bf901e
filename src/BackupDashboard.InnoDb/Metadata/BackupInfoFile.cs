using System.Globalization;

namespace BackupDashboard.InnoDb.Metadata;

/// <summary>
/// xtrabackup_info (mariadb_backup_info from MariaDB 11.1), written by backup_mysql.cc
/// write_xtrabackup_info: who made the backup, when, and which LSNs it holds. Every line is kept
/// in <see cref="Entries"/>; the ones a dashboard needs are typed.
/// </summary>
public sealed class BackupInfoFile
{
    public static readonly string[] FileNames = ["xtrabackup_info", "mariadb_backup_info"];

    private BackupInfoFile(IReadOnlyList<MetadataEntry> entries, string path)
    {
        Entries = entries;
        ToolName = Value("tool_name");
        ToolVersion = Value("tool_version");
        ServerVersion = Value("server_version");
        StartTime = Time("start_time", path);
        EndTime = Time("end_time", path);
        Partial = YesNo("partial");
        Incremental = YesNo("incremental");
        Compressed = Value("compressed") is { Length: > 0 } c && c != "N";
        Format = Value("format");
        InnoDbFromLsn = MetadataValues.OptionalLsn(entries, "innodb_from_lsn", path);
        InnoDbToLsn = MetadataValues.OptionalLsn(entries, "innodb_to_lsn", path);
    }

    public IReadOnlyList<MetadataEntry> Entries { get; }
    public string? ToolName { get; }
    public string? ToolVersion { get; }
    public string? ServerVersion { get; }
    public DateTime? StartTime { get; }
    public DateTime? EndTime { get; }
    public bool? Partial { get; }
    public bool? Incremental { get; }

    /// <summary>"N", or the compression ("Y", "compressed", "quicklz") when not.</summary>
    public bool Compressed { get; }
    public string? Format { get; }
    public ulong? InnoDbFromLsn { get; }
    public ulong? InnoDbToLsn { get; }

    public static string? FindIn(string backupDirectory) =>
        FileNames.Select(name => Path.Combine(backupDirectory, name)).FirstOrDefault(File.Exists);

    public static BackupInfoFile Read(string path) => Parse(MetadataText.ReadFile(path), path);

    public static BackupInfoFile Parse(string text, string path = "xtrabackup_info") => new(MetadataText.Parse(text, path), path);

    public string? Value(string key) => MetadataValues.Find(Entries, key)?.Value;

    private bool? YesNo(string key) => Value(key) switch
    {
        "Y" => true,
        "N" => false,
        _ => null,
    };

    /// <summary>Local server time as "yyyy-MM-dd HH:mm:ss"; no zone is written.</summary>
    private DateTime? Time(string key, string path)
    {
        if (MetadataValues.Find(Entries, key) is not { Value.Length: > 0 } entry)
        {
            return null;
        }

        return DateTime.TryParseExact(entry.Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InnoDbFormatException(path, entry.Offset, $"\"{key}\" is not a time: \"{entry.Value}\"");
    }
}
