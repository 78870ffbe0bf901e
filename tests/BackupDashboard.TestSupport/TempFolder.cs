namespace BackupDashboard.TestSupport;

/// <summary>A folder under /tmp that is deleted on dispose. Short paths: sockets live in them.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "bdash-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
