using System.Text.RegularExpressions;

namespace BackupDashboard.InnoDb.Files;

/// <summary>
/// The InnoDB data files of a datadir or a backup directory: the system tablespace (ibdata*),
/// undo tablespaces (undo001 …) and every .ibd, or their .delta copies in an incremental. Not
/// the redo log (ib_logfile*, ib_redo*) nor the temporary tablespace (ibtmp1), which
/// mariabackup does not copy page by page either.
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
            var kind = Classify(name, topLevel);
            if (kind is { } k)
            {
                files.Add(new InnoDbDataFile(path, Path.GetRelativePath(root, path), k, new FileInfo(path).Length));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>Full or delta data file, or null for anything else.</summary>
    public static InnoDbFileKind? Classify(string name, bool topLevel)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".delta", StringComparison.Ordinal))
        {
            return Classify(name[..^".delta".Length], topLevel) is InnoDbFileKind.Full ? InnoDbFileKind.Delta : null;
        }

        if (name.EndsWith(".ibd", StringComparison.Ordinal))
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

/// <summary>A data file found in a directory; <see cref="RelativePath"/> is what reports show.</summary>
public sealed record InnoDbDataFile(string Path, string RelativePath, InnoDbFileKind Kind, long Length);
