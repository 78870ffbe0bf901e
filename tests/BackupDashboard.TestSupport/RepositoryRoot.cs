namespace BackupDashboard.TestSupport;

/// <summary>The checkout's top folder (the one holding BackupDashboard.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BackupDashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No BackupDashboard.sln above {AppContext.BaseDirectory}.");
    }

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
