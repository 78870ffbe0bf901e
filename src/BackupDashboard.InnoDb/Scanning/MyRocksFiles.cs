namespace BackupDashboard.InnoDb.Scanning;

/// <summary>One file a backup copies whole, whatever changed in it.</summary>
public sealed record WholeFile(string Path, long Bytes);

/// <summary>
/// MyRocks' files in a datadir or a backup. MyRocks pages carry no InnoDB LSN, so mariabackup and
/// XtraBackup copy every MyRocks file whole into every backup, full or incremental ("Percona
/// XtraBackup copies all the MyRocks files each time it takes a backup": pxb-docs
/// create-incremental-backup.md; mariabackup does the same from a RocksDB checkpoint, seen with
/// 10.11: "Backing up rocksdb files." then one "Creating hardlink from …/#rocksdb/mariabackup-checkpoint/X
/// to #rocksdb/X" per file, or a copy across file systems). docs/tool-adapters.md, "MyRocks".
/// </summary>
public sealed record MyRocksFiles(IReadOnlyList<WholeFile> Files)
{
    /// <summary>MariaDB's MyRocks folder in the datadir and in a mariabackup backup.</summary>
    public const string MariaDbFolder = "#rocksdb";

    /// <summary>Percona Server's (rocksdb_datadir defaults to ./.rocksdb), kept under that name by XtraBackup.</summary>
    public const string PerconaFolder = ".rocksdb";

    public static readonly MyRocksFiles None = new([]);

    public long Bytes => Files.Sum(f => f.Bytes);

    public bool Any => Files.Count > 0;

    /// <summary>Every file under the MyRocks folder of a backup: all of it was copied whole.</summary>
    public static MyRocksFiles InBackup(string backupDir) => Find(backupDir, _ => true);

    /// <summary>
    /// What the next backup of this datadir would copy of MyRocks: the live SST files, CURRENT, the
    /// newest MANIFEST and OPTIONS, and the write-ahead logs (*.log), which the tool's checkpoint
    /// flushes into a new SST first (their size stands for that SST's). Not RocksDB's info log
    /// (LOG, LOG.old.*), LOCK, IDENTITY, the older OPTIONS, nor a checkpoint folder left by a backup.
    /// </summary>
    public static MyRocksFiles WouldCopy(string dataDir)
    {
        var found = Find(dataDir, name => name == "CURRENT" || name.EndsWith(".sst", StringComparison.Ordinal)
            || name.EndsWith(".log", StringComparison.Ordinal) || name.StartsWith("MANIFEST-", StringComparison.Ordinal)
            || name.StartsWith("OPTIONS-", StringComparison.Ordinal), topLevelOnly: true);
        var newestManifest = Newest(found, "MANIFEST-");
        var newestOptions = Newest(found, "OPTIONS-");
        return new(found.Files.Where(f =>
        {
            var name = System.IO.Path.GetFileName(f.Path);
            return name.StartsWith("MANIFEST-", StringComparison.Ordinal) ? name == newestManifest
                : !name.StartsWith("OPTIONS-", StringComparison.Ordinal) || name == newestOptions;
        }).ToList());
    }

    private static string? Newest(MyRocksFiles files, string prefix) => files.Files
        .Select(f => System.IO.Path.GetFileName(f.Path))
        .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(n[prefix.Length..], out _))
        .MaxBy(n => long.Parse(n[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));

    private static MyRocksFiles Find(string directory, Func<string, bool> wanted, bool topLevelOnly = false)
    {
        var files = new List<WholeFile>();
        foreach (var folder in new[] { MariaDbFolder, PerconaFolder })
        {
            var root = System.IO.Path.Combine(directory, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            var options = new EnumerationOptions { RecurseSubdirectories = !topLevelOnly, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (var info in new DirectoryInfo(root).EnumerateFiles("*", options))
            {
                if (wanted(info.Name))
                {
                    files.Add(new WholeFile(System.IO.Path.GetRelativePath(directory, info.FullName), info.Length));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new(files);
    }
}
