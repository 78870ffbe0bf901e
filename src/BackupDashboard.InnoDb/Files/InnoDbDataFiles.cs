using System.Text.RegularExpressions;

namespace BackupDashboard.InnoDb.Files;

/// <summary>
/// The InnoDB data files of a datadir or a backup directory: the system tablespace (ibdata*),
/// undo tablespaces (undo001 …) and every .ibd, or their .delta copies in an incremental, and
/// the whole tablespaces an incremental holds for tables created or rebuilt after its base
/// (db/t.new). A datadir's db/t.isl (a table with DATA DIRECTORY) is followed to the .ibd it
/// names, as mariabackup follows it; the file is listed under the name the backup gives it,
/// db/t.ibd. Not the redo log (ib_logfile*, ib_redo*) nor the temporary tablespace (ibtmp1),
/// which mariabackup does not copy page by page either (docs/formats/innodb-page.md, "Files").
/// </summary>
public static partial class InnoDbDataFiles
{
    public static IReadOnlyList<InnoDbDataFile> Find(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No such directory: {directory}");
        }

        var root = Path.GetFullPath(directory);
        var files = new List<InnoDbDataFile>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(root, "*", options))
        {
            var name = Path.GetFileName(path);
            var topLevel = string.Equals(Path.GetDirectoryName(path), root, StringComparison.Ordinal);
            // A backup holds the tablespace itself beside any .isl it kept; only a datadir links out.
            if (!topLevel && name.EndsWith(".isl", StringComparison.Ordinal) && !File.Exists(Path.ChangeExtension(path, ".ibd")))
            {
                files.Add(Linked(root, path));
                continue;
            }

            var kind = Classify(name, topLevel);
            if (kind is { } k)
            {
                files.Add(new InnoDbDataFile(path, Path.GetRelativePath(root, path), k, new FileInfo(path).Length));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>
    /// The .ibd a .isl names (its one line is the file's absolute path; fil0fil.cc
    /// RemoteDatafile), listed as db/t.ibd. A path that names nothing is listed too, so that
    /// reading it reports the file and the .isl by name.
    /// </summary>
    private static InnoDbDataFile Linked(string root, string isl)
    {
        var relative = Path.ChangeExtension(Path.GetRelativePath(root, isl), ".ibd");
        string target;
        try
        {
            target = File.ReadAllText(isl).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InnoDbDataFile(isl, relative, InnoDbFileKind.Full, -1) { Problem = $"{Path.GetRelativePath(root, isl)} cannot be read: {e.Message}" };
        }

        var info = new FileInfo(target);
        return target.Length > 0 && Path.IsPathFullyQualified(target) && info.Exists
            ? new InnoDbDataFile(info.FullName, relative, InnoDbFileKind.Full, info.Length)
            : new InnoDbDataFile(isl, relative, InnoDbFileKind.Full, -1) { Problem = $"{Path.GetRelativePath(root, isl)} names \"{target}\", which is not a file" };
    }

    /// <summary>Full or delta data file, or null for anything else.</summary>
    public static InnoDbFileKind? Classify(string name, bool topLevel)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".delta", StringComparison.Ordinal))
        {
            return Classify(name[..^".delta".Length], topLevel) is InnoDbFileKind.Full ? InnoDbFileKind.Delta : null;
        }

        // An incremental's whole-file copy of a tablespace created or rebuilt after its base.
        if (name.EndsWith(".ibd", StringComparison.Ordinal) || (!topLevel && name.EndsWith(".new", StringComparison.Ordinal)))
        {
            return InnoDbFileKind.Full;
        }

        return topLevel && SystemOrUndo().IsMatch(name) ? InnoDbFileKind.Full : null;
    }

    [GeneratedRegex(@"^(ibdata[0-9]+|undo[0-9]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex SystemOrUndo();
}

public enum InnoDbFileKind
{
    /// <summary>A whole tablespace file: page n at offset n × page size.</summary>
    Full,

    /// <summary>An incremental's .delta: clusters of changed pages.</summary>
    Delta,
}

/// <summary>
/// A data file found in a directory; <see cref="RelativePath"/> is what reports show. A file
/// that cannot be read at all (a .isl naming nothing) carries its <see cref="Problem"/>.
/// </summary>
public sealed record InnoDbDataFile(string Path, string RelativePath, InnoDbFileKind Kind, long Length)
{
    public string? Problem { get; init; }

    /// <summary>An empty tablespace file (0 bytes): mariabackup skips it (fil_cur.cc reads no page), so reports note it and go on.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>An incremental's whole-file copy of a tablespace created or rebuilt after its base.</summary>
    public bool IsNewTablespace => RelativePath.EndsWith(".new", StringComparison.Ordinal);
}
