using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// The backup repository on disk (default &lt;DataDir&gt;/backups): one folder per backup with
/// the tool's target directory, manifest.json and tool.log side by side (see BackupLayout).
/// </summary>
public sealed class BackupRepository(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// Creates the backup's folder, with an id no other backup in the repository has (never
    /// reusing a folder), and its first manifest, status running.
    /// </summary>
    public BackupRecord Begin(string server, BackupKind kind, string? parentId, DateTimeOffset startedAt, string toolName, string? toolVersion)
    {
        var folder = BackupFolderClaim.Claim(Root, server, BackupLayout.NewId(startedAt, kind));
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

    /// <summary>
    /// Every manifest under the repository, for a catalog rebuild. Whatever cannot be indexed
    /// (no or unreadable manifest, a manifest that names another folder, a folder that is not a
    /// server's) is reported with its path, never skipped silently; an id that two servers' folders
    /// hold (written before ids were unique across the repository) is indexed for both and noted.
    /// </summary>
    public RepositoryContents ReadAll()
    {
        var backups = new List<BackupRecord>();
        var problems = new List<string>();
        var notes = new List<string>();
        if (!Directory.Exists(Root))
        {
            return new RepositoryContents(backups, problems, []);
        }

        foreach (var serverFolder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            var server = Path.GetFileName(serverFolder);
            if (server == Retention.RetentionRunner.TrashFolder)
            {
                notes.Add($"{serverFolder}: chains a retention run was deleting when it stopped; not indexed, and the server's next retention run removes them");
                continue;
            }

            if (Servers.ServerName.Problem(server) is { } notAServer)
            {
                problems.Add($"{serverFolder}: not a server's folder ({notAServer})");
                continue;
            }

            foreach (var folder in Directory.EnumerateDirectories(serverFolder).Order(StringComparer.Ordinal))
            {
                try
                {
                    var record = BackupManifest.Read(folder);
                    if (record.Server != server || record.Id != Path.GetFileName(folder))
                    {
                        problems.Add($"{folder}: its manifest is for {record.Server}/{record.Id}, not for the folder it sits in");
                        continue;
                    }

                    backups.Add(record);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    problems.Add(e is InvalidDataException ? e.Message : $"{folder}: {e.Message}");
                }
            }
        }

        notes.AddRange(backups.GroupBy(b => b.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"backup id {g.Key} is held by {string.Join(" and ", g.Select(b => b.Server))}: name them {string.Join(" or ", g.Select(b => $"{b.Server}/{b.Id}"))}"));
        return new RepositoryContents(backups, problems, notes);
    }

    public static long SizeOf(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;
}
