using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// The backup repository on disk (default &lt;DataDir&gt;/backups): one folder per backup with
/// the tool's target directory, manifest.json and tool.log side by side (see BackupLayout).
/// </summary>
public sealed class BackupRepository(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Creates the backup's folder (never reusing one) and its first manifest, status running.</summary>
    public BackupRecord Begin(string server, BackupKind kind, string? parentId, DateTimeOffset startedAt, string toolName, string? toolVersion)
    {
        var id = BackupLayout.NewId(startedAt, kind);
        var folder = BackupLayout.BackupFolder(Root, server, id);
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = BackupLayout.BackupFolder(Root, server, $"{id}-{n}");
        }

        Directory.CreateDirectory(folder);
        var record = new BackupRecord
        {
            Id = Path.GetFileName(folder),
            Server = server,
            Kind = kind,
            ParentId = parentId,
            ToolName = toolName,
            ToolVersion = toolVersion,
            StartedAt = startedAt,
            Status = BackupStatus.Running,
            Directory = folder,
            Runner = Runs.RunnerProcess.Current,
        };
        BackupManifest.Write(record);
        return record;
    }

    public static void Save(BackupRecord record) => BackupManifest.Write(record);

    /// <summary>The tool's full output, line by line, flushed as it comes so a killed run still has it.</summary>
    public static StreamWriter OpenLog(BackupRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new StreamWriter(Path.Combine(record.Directory, BackupLayout.LogFile), append: true) { AutoFlush = true };
    }

    /// <summary>Every manifest under the repository; unreadable ones are reported, not skipped silently.</summary>
    public (IReadOnlyList<BackupRecord> Backups, IReadOnlyList<string> Problems) ReadAll()
    {
        var backups = new List<BackupRecord>();
        var problems = new List<string>();
        if (!Directory.Exists(Root))
        {
            return (backups, problems);
        }

        foreach (var folder in Directory.EnumerateDirectories(Root).SelectMany(Directory.EnumerateDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                backups.Add(BackupManifest.Read(folder));
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }

        return (backups, problems);
    }

    public static long SizeOf(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;
}
