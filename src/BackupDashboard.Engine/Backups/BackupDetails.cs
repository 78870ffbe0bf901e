using BackupDashboard.Engine.Chains;
using BackupDashboard.InnoDb;
using BackupDashboard.InnoDb.Inspection;

namespace BackupDashboard.Engine.Backups;

/// <summary>The pages of one table a backup holds: from its .delta, or all of them from a .new.</summary>
public sealed record TablePages(string Table, string Kind, long Pages, long Bytes);

/// <summary>
/// One backup as its page shows it (docs/overview.md, "A backup's page"): the catalog's record,
/// what its files say now (checkpoints and info, read from disk, not from the catalog), its data
/// files, the changed pages per table of an incremental, the MyRocks files it holds whole, the end of the tool's log, whether it is
/// a restore point and why not, and which later backups build on it. A file that cannot be read
/// is a problem in words, never a crash.
/// </summary>
public sealed record BackupDetails(
    BackupRecord Record,
    IReadOnlyList<KeyValuePair<string, string>> Checkpoints,
    IReadOnlyList<KeyValuePair<string, string>> Info,
    IReadOnlyList<TablePages> Tables,
    long FileCount,
    string? ToolLog,
    string? NotRestorePoint,
    IReadOnlyList<string> Dependents,
    IReadOnlyList<string> Problems,
    MyRocksShare? MyRocks = null)
{
    /// <summary>What the tools' docs warn of for this backup (<see cref="BackupWarnings"/>).</summary>
    public IReadOnlyList<string> Warnings => BackupWarnings.ForBackup(Record);

    /// <summary>The longest tail of tool.log shown; the file stays whole on disk.</summary>
    public const int LogTailBytes = 256 * 1024;

    public static BackupDetails Read(BackupRecord record, IReadOnlyList<BackupRecord> serverBackups)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(serverBackups);
        var problems = new List<string>();
        BackupInspection? inspection = null;
        if (record.Directory is not null && Directory.Exists(record.TargetDir))
        {
            try
            {
                inspection = BackupInspection.Inspect(record.TargetDir);
            }
            catch (Exception e) when (e is InnoDbFormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"The files in {record.TargetDir} could not be read: {e.Message}");
            }
        }
        else
        {
            problems.Add($"The backup's folder {record.TargetDir} is not there.");
        }

        var chain = ChainBuilder.ChainOf(serverBackups, record.Id);
        var notRestorePoint = chain is null || record.Status != BackupStatus.Succeeded ? null : chain.NotRestorePoints.GetValueOrDefault(record.Id);
        return new BackupDetails(
            record,
            inspection?.Checkpoints.Entries ?? [],
            inspection?.Info?.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value)).ToList() ?? [],
            inspection?.Files.Where(f => f.Kind != "full").Select(Pages).OrderByDescending(t => t.Pages).ToList() ?? [],
            inspection?.Files.Count ?? 0,
            LogTail(record, problems),
            notRestorePoint,
            Descendants(record.Id, serverBackups),
            problems,
            MyRocksShare.Of(record));
    }

    private static TablePages Pages(InspectedFile file)
    {
        var table = file.Path.EndsWith(".delta", StringComparison.Ordinal) ? file.Path[..^".delta".Length]
            : file.Path.EndsWith(".new", StringComparison.Ordinal) ? file.Path[..^".new".Length] + ".ibd"
            : file.Path;
        return new TablePages(table, file.Kind, file.DeltaPages ?? file.NewTablespacePages ?? 0, file.Bytes);
    }

    /// <summary>Every backup whose chain runs through this one: restoring any of them needs it.</summary>
    private static List<string> Descendants(string id, IReadOnlyList<BackupRecord> backups)
    {
        var found = new List<string>();
        var frontier = new Queue<string>([id]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in backups.Where(b => b.ParentId == parent && !found.Contains(b.Id)))
            {
                found.Add(child.Id);
                frontier.Enqueue(child.Id);
            }
        }

        return found;
    }

    private static string? LogTail(BackupRecord record, List<string> problems)
    {
        var path = record.Directory is null ? null : Path.Combine(record.Directory, BackupLayout.LogFile);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return Runs.LogTail.Read(path, LogTailBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path} could not be read: {e.Message}");
            return null;
        }
    }
}
