namespace BackupDashboard.InnoDb.Tests;

/// <summary>The committed fixtures (see Fixtures/README.md for how each was made).</summary>
internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Path(parts));

    public static string Text(params string[] parts) => File.ReadAllText(Path(parts));

    /// <summary>Page <paramref name="pageNo"/> of a whole-tablespace fixture.</summary>
    public static byte[] Page(string file, int pageNo, int pageSize) => Bytes(file.Split('/')).AsSpan(pageNo * pageSize, pageSize).ToArray();
}
