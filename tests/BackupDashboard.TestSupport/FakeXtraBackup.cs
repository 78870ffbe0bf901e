namespace BackupDashboard.TestSupport;

/// <summary>
/// tests/fakes/xtrabackup, the documented-behaviour double of Percona XtraBackup: registered as a
/// server's tool it "backs up" a datadir of plain files without any database server, one file
/// per FAKE_XTRABACKUP_DELAY seconds — a backup that runs as long as a test needs.
/// </summary>
public static class FakeXtraBackup
{
    public static string Path => RepositoryRoot.Combine("tests", "fakes", "xtrabackup");

    /// <summary>A datadir of <paramref name="tablespaces"/> small .ibd files for the fake to copy.</summary>
    public static TempFolder DataDir(int tablespaces)
    {
        var folder = new TempFolder("bdash-fake-datadir-");
        for (var i = 0; i < tablespaces; i++)
        {
            File.WriteAllText(folder.Combine($"t{i}.ibd"), "page");
        }

        return folder;
    }
}
