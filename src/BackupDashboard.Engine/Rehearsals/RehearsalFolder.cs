namespace BackupDashboard.Engine.Rehearsals;

/// <summary>
/// The scratch folder of one rehearsal, &lt;scratch root&gt;/&lt;server&gt;-&lt;time&gt;, holding its
/// datadir and working copy. Owner-only: a restored datadir holds the server's data and accounts.
/// </summary>
internal static class RehearsalFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const string DataDirName = "datadir";
    public const string WorkDirName = "work";

    /// <summary>Creates the folder; false when it exists already (it is someone else's, so it is neither used nor deleted).</summary>
    public static bool TryCreate(string scratchRoot, string folder)
    {
        Directory.CreateDirectory(scratchRoot, OwnerOnly);
        if (Directory.Exists(folder) || File.Exists(folder))
        {
            return false;
        }

        Directory.CreateDirectory(folder, OwnerOnly);
        return true;
    }

    /// <summary>Deletes the folder and all in it; null when it is gone, otherwise why not (never thrown over the rehearsal's outcome).</summary>
    public static string? Delete(string folder) =>
        Runs.FolderRemoval.TryDelete(folder) is { } why
            ? $"the scratch folder {folder} could not be deleted ({why}): delete it by hand, it holds a restored copy of the server's data"
            : null;

    /// <summary>Whether <paramref name="path"/> lies inside <paramref name="folder"/>.</summary>
    public static bool Holds(string folder, string path) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
