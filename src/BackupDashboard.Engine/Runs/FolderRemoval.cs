namespace BackupDashboard.Engine.Runs;

/// <summary>
/// Deletes a folder a run made, saying why when it cannot instead of throwing: the run's own
/// outcome matters more than its clean-up, and the operator is told what is left.
/// </summary>
internal static class FolderRemoval
{
    /// <summary>Null when the folder is gone (or never was), otherwise the system's reason.</summary>
    public static string? TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
