namespace BackupDashboard.Engine.Restores;

/// <summary>
/// An incremental's working copy is spent once its prepare has merged it into the full: nothing
/// later reads it. It is removed in the background while the next prepare runs, rather than with
/// the rest of the working copy at the end, where the operator would wait for it
/// (docs/restore-plans.md, "The working copy").
/// </summary>
internal static class SpentIncrementalCopy
{
    /// <summary>The working copy an incremental's prepare step has just used up, if it lies inside the run's working folder.</summary>
    public static string? Of(RestoreStep step, string workDir)
    {
        if (step.Kind != RestoreStepKind.Prepare)
        {
            return null;
        }

        const string Option = "--incremental-dir=";
        var dir = step.Argv.FirstOrDefault(a => a.StartsWith(Option, StringComparison.Ordinal))?[Option.Length..];
        if (dir is null)
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDir)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(dir);
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Removes it; a failure leaves it for the end of the run, which deletes the whole working folder.</summary>
    public static Task StartRemoving(string dir) => Task.Run(() =>
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the working folder's removal at the end of the run.
        }
    });
}
