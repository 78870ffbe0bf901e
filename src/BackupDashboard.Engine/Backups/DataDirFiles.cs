namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Sizes of a local server's datadir files, keyed the way the tool names them in its
/// "Copying ./db/t.ibd" lines (relative, with "./"), to weigh progress by bytes. A datadir this
/// process cannot read (remote server, other user) gives no sizes: progress then shows the
/// current file and the phase, and jumps to 100% when the tool reports "completed OK!".
/// </summary>
public static class DataDirFiles
{
    public static IReadOnlyDictionary<string, long> Sizes(string? dataDir)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(dataDir) || !Directory.Exists(dataDir))
        {
            return sizes;
        }

        try
        {
            foreach (var file in new DirectoryInfo(dataDir).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                sizes["./" + Path.GetRelativePath(dataDir, file.FullName)] = file.Length;
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            sizes.Clear();
        }

        return sizes;
    }
}
