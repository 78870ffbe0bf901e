namespace BackupDashboard.TestSupport;

/// <summary>Where tests that make credentials files directly put them (the product uses the data folder's credentials/).</summary>
public static class TestCredentials
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), $"bdash-test-credentials-{Environment.ProcessId}");
}
