using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Files;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.InnoDb.Inspection;

/// <summary>What a backup directory holds: its checkpoints, its tool, and its data files.</summary>
public sealed record BackupInspection(
    string CheckpointsPath,
    CheckpointsFile Checkpoints,
    BackupInfoFile? Info,
    IReadOnlyList<InspectedFile> Files)
{
    public long DeltaPages => Files.Sum(f => f.DeltaPages ?? 0);

    /// <summary>Pages of the whole tablespaces an incremental holds for tables created or rebuilt after its base (db/t.new).</summary>
    public long NewTablespacePages => Files.Sum(f => f.NewTablespacePages ?? 0);

    /// <summary>Every page the backup holds as a change to its base: .delta pages and whole new tablespaces.</summary>
    public long PagesCopied => DeltaPages + NewTablespacePages;

    /// <summary>Reads the metadata and walks every .delta's cluster headers (pages are not read).</summary>
    public static BackupInspection Inspect(string backupDirectory)
    {
        var checkpointsPath = CheckpointsFile.FindIn(backupDirectory)
            ?? throw new InnoDbFormatException(Path.Combine(backupDirectory, CheckpointsFile.FileNames[0]), 0,
                "no xtrabackup_checkpoints or mariadb_backup_checkpoints: not a backup directory");
        var checkpoints = CheckpointsFile.Read(checkpointsPath);
        var info = BackupInfoFile.FindIn(backupDirectory) is { } infoPath ? BackupInfoFile.Read(infoPath) : null;
        var files = new List<InspectedFile>();
        foreach (var file in InnoDbDataFiles.Find(backupDirectory).Where(f => f.Problem is null))
        {
            files.Add(file.Kind == InnoDbFileKind.Delta ? InspectDelta(file) : InspectFull(file));
        }

        return new BackupInspection(checkpointsPath, checkpoints, info, files);
    }

    /// <summary>A whole file: its page size from page 0, or none when page 0 is not readable as InnoDB.</summary>
    private static InspectedFile InspectFull(InnoDbDataFile file)
    {
        int? pageSize = null;
        try
        {
            using var handle = TablespaceFile.OpenRead(file.Path);
            pageSize = TablespaceFile.ReadFormat(handle, file.RelativePath, wholePage: false).PhysicalPageSize;
        }
        catch (InnoDbFormatException)
        {
            // inspect reports metadata; verify is the verb that names a damaged page 0.
        }

        return new InspectedFile(file.RelativePath, false, null, pageSize, file.Length)
        {
            NewTablespacePages = file.IsNewTablespace && pageSize is { } size ? file.Length / size : null,
        };
    }

    private static InspectedFile InspectDelta(InnoDbDataFile file)
    {
        var metaPath = DeltaFileReader.MetaPathFor(file.Path)
            ?? throw new InnoDbFormatException(file.Path, 0, "no .meta file beside the delta");
        var meta = DeltaMeta.Read(metaPath);
        using var reader = DeltaFileReader.Open(file.Path, meta.PhysicalPageSize);
        return new InspectedFile(file.RelativePath, true, reader.CountPages(), meta.PhysicalPageSize, file.Length);
    }
}

/// <summary>A data file of a backup; delta fields are null for whole files.</summary>
public sealed record InspectedFile(string Path, bool IsDelta, long? DeltaPages, int? PageSize, long Bytes)
{
    /// <summary>For an incremental's db/t.new: its pages, all of which the incremental carries.</summary>
    public long? NewTablespacePages { get; init; }

    public string Kind => IsDelta ? "delta" : Path.EndsWith(".new", StringComparison.Ordinal) ? "new" : "full";
}
