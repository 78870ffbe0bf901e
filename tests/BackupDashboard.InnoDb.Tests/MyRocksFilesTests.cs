using BackupDashboard.InnoDb.Scanning;
using BackupDashboard.TestSupport;

namespace BackupDashboard.InnoDb.Tests;

/// <summary>Which MyRocks files a backup copies whole (docs/tool-adapters.md, "MyRocks"), on a laid-out folder.</summary>
public sealed class MyRocksFilesTests
{
    [Fact]
    public void The_next_backup_copies_the_SSTs_CURRENT_the_newest_MANIFEST_and_OPTIONS_and_the_logs_and_nothing_else()
    {
        using var dataDir = new TempFolder();
        var rocks = Directory.CreateDirectory(dataDir.Combine("#rocksdb")).FullName;
        foreach (var (name, bytes) in new[]
        {
            ("000012.sst", 5000), ("000014.sst", 700), ("000015.log", 300), ("CURRENT", 16), ("MANIFEST-000004", 200), ("MANIFEST-000011", 90),
            ("OPTIONS-000009", 10), ("OPTIONS-000011", 11), ("LOG", 4000), ("LOG.old.1700000000", 3000), ("LOCK", 0), ("IDENTITY", 36),
        })
        {
            File.WriteAllBytes(Path.Combine(rocks, name), new byte[bytes]);
        }

        Directory.CreateDirectory(Path.Combine(rocks, "mariabackup-checkpoint"));
        File.WriteAllBytes(Path.Combine(rocks, "mariabackup-checkpoint", "000012.sst"), new byte[5000]);
        File.WriteAllBytes(dataDir.Combine("ibdata1"), new byte[100]);

        var wouldCopy = MyRocksFiles.WouldCopy(dataDir.Path);

        Assert.Equal(
            ["#rocksdb/000012.sst", "#rocksdb/000014.sst", "#rocksdb/000015.log", "#rocksdb/CURRENT", "#rocksdb/MANIFEST-000011", "#rocksdb/OPTIONS-000011"],
            wouldCopy.Files.Select(f => f.Path));
        Assert.Equal(5000 + 700 + 300 + 16 + 90 + 11, wouldCopy.Bytes);
    }

    [Fact]
    public void A_backup_holds_every_file_under_its_MyRocks_folder_under_either_name_and_none_without_one()
    {
        using var backup = new TempFolder();
        Directory.CreateDirectory(backup.Combine(".rocksdb", "sub"));
        File.WriteAllBytes(backup.Combine(".rocksdb", "000007.sst"), new byte[1234]);
        File.WriteAllBytes(backup.Combine(".rocksdb", "sub", "x"), new byte[6]);
        File.WriteAllBytes(backup.Combine("ibdata1.delta"), new byte[99]);

        Assert.Equal(1240, MyRocksFiles.InBackup(backup.Path).Bytes);
        Assert.False(MyRocksFiles.InBackup(backup.Combine(".rocksdb", "sub")).Any);
    }

    [Fact]
    public void A_scan_of_a_folder_adds_the_MyRocks_bytes_to_what_it_would_copy()
    {
        using var dataDir = new TempFolder();
        Directory.CreateDirectory(dataDir.Combine("#rocksdb"));
        File.WriteAllBytes(dataDir.Combine("#rocksdb", "000010.sst"), new byte[4096]);

        var report = ChangedPageScanner.Scan(dataDir.Path, 0);

        Assert.Equal(4096, report.MyRocks.Bytes);
        Assert.Equal(report.BytesChanged + 4096, report.BytesToCopy);
        Assert.DoesNotContain(report.Files, f => f.Path.Contains("rocksdb", StringComparison.Ordinal));
    }
}
