using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Overview;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Scanning;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupDashboard.Engine.Tests.MyRocks;

/// <summary>
/// Real mariadbd with the rocksdb plugin, real mariabackup: every backup of a chain holds every
/// MyRocks file whole, the backup's view says how many bytes and what share, and the scan
/// predicts them before the next incremental (docs/tool-adapters.md, "MyRocks").
/// </summary>
public sealed class MyRocksBackupTests
{
    [Fact]
    public async Task Each_incremental_holds_every_MyRocks_file_whole_and_the_scan_predicts_them()
    {
        _ = RequiredTool.MariaBackup;
        _ = RequiredTool.MyRocksPlugin;
        // No background compaction: the SST files the scan sees are the ones the backup copies.
        await using var db = await ThrowawayMariaDb.StartAsync(RequiredTool.MyRocksOption, "rocksdb_default_cf_options=disable_auto_compactions=true");
        Assert.Equal("ROCKSDB", await db.ScalarAsync("SELECT engine FROM information_schema.engines WHERE engine = 'ROCKSDB' AND support IN ('YES', 'DEFAULT')"));
        await db.ExecuteAsync("CREATE DATABASE shop");
        await db.ExecuteAsync("CREATE TABLE shop.events (id INT PRIMARY KEY, body VARCHAR(200)) ENGINE=ROCKSDB");
        await db.ExecuteAsync("CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
        await AddEventsAsync(db, 1);

        using var repo = new TempFolder();
        var server = new RegisteredServer { Name = "db", SocketPath = db.SocketPath, User = "root", DataDir = db.DataDir };
        var catalog = new MemoryCatalog();
        var runner = new BackupRunner(new OneServer(server), catalog, new BackupRepository(repo.Path), new DataFolder(repo.Combine("data")),
            TimeProvider.System, NullLogger<BackupRunner>.Instance);

        var full = await runner.RunAsync("db", new BackupOrder(BackupKind.Full), null, CancellationToken.None);
        Assert.True(full.IsGood, full.Problem);
        var fullFiles = await AssertHeldWholeAsync(full, catalog);
        // The table's rows sit in SST files; the 20,000 rows of about 150 bytes are most of them.
        Assert.True(fullFiles.Bytes > 1_000_000, $"{fullFiles.Bytes} bytes of MyRocks files");

        var previous = full;
        var previousFiles = fullFiles;
        for (var round = 2; round <= 3; round++)
        {
            await AddEventsAsync(db, round);
            await db.ExecuteAsync($"INSERT INTO shop.orders VALUES ({round}, 'one InnoDB row')");

            var predicted = ChangedPageScanner.Scan(db.DataDir, previous.ToLsn!.Value).MyRocks;
            var glance = await LiveLook.LookAsync(server, null, previous.ToLsn, predict: true, CancellationToken.None);
            Assert.Null(glance.Problem);
            Assert.Equal(predicted.Bytes, glance.MyRocksBytes);
            Assert.True(glance.BytesToCopy >= glance.MyRocksBytes + glance.PagesToCopy, "the prediction adds the MyRocks files to the changed pages");

            var incremental = await runner.RunAsync("db", new BackupOrder(BackupKind.Incremental), null, CancellationToken.None);
            Assert.True(incremental.IsGood, incremental.Problem);
            Assert.Equal(previous.Id, incremental.ParentId);
            var held = await AssertHeldWholeAsync(incremental, catalog);

            // Copied whole: every SST file of the previous backup is in this incremental again, same size.
            Assert.Subset(Ssts(held).ToHashSet(), Ssts(previousFiles).ToHashSet());
            Assert.True(held.Bytes > previousFiles.Bytes, $"round {round}: {held.Bytes} bytes, previous {previousFiles.Bytes}");
            // Predicted: every SST file the scan saw is in the incremental, same size. The tool's
            // checkpoint first flushes what the write-ahead log holds into one more small SST,
            // which the scan counts by the log's size.
            Assert.Subset(Ssts(held).ToHashSet(), Ssts(predicted).ToHashSet());
            Assert.InRange(predicted.Bytes, held.Bytes * 9 / 10, held.Bytes * 11 / 10);

            previous = incremental;
            previousFiles = held;
        }
    }

    /// <summary>20,000 rows of hashes (little to compress), then the memtable written out as SST files.</summary>
    private static async Task AddEventsAsync(ThrowawayMariaDb db, int round)
    {
        var first = (round - 1) * 20_000;
        await db.ExecuteAsync($"INSERT INTO shop.events SELECT seq, CONCAT(SHA2(seq * {round}, 512), SHA2(seq, 256)) FROM shop.seq_{first + 1}_to_{first + 20_000}");
        await db.ExecuteAsync("SET GLOBAL rocksdb_force_flush_memtable_now = 1");
    }

    /// <summary>The backup's JSON view and its page show the #rocksdb files on disk and their share of the backup.</summary>
    private static async Task<MyRocksFiles> AssertHeldWholeAsync(BackupRecord backup, MemoryCatalog catalog)
    {
        var files = MyRocksFiles.InBackup(backup.TargetDir);
        Assert.Contains(files.Files, f => f.Path.StartsWith("#rocksdb/", StringComparison.Ordinal) && f.Path.EndsWith(".sst", StringComparison.Ordinal));
        Assert.Contains(files.Files, f => f.Path == "#rocksdb/CURRENT");

        var view = BackupView.From(backup);
        Assert.Equal(files.Bytes, view.MyRocksBytes);
        Assert.Equal((double)files.Bytes / backup.Bytes, view.MyRocksShare!.Value, 6);
        Assert.InRange(view.MyRocksShare.Value, 0.01, 1.0);

        var details = BackupDetails.Read(backup, await catalog.ListAsync("db", CancellationToken.None));
        Assert.Equal(files.Bytes, details.MyRocks!.Bytes);
        Assert.Equal(files.Files.Count, details.MyRocks.Files);
        Assert.Contains("copied whole", details.MyRocks.Describe(b => $"{b} B"), StringComparison.Ordinal);
        return files;
    }

    private static List<(string, long)> Ssts(MyRocksFiles files) =>
        [.. files.Files.Where(f => f.Path.EndsWith(".sst", StringComparison.Ordinal)).Select(f => (f.Path, f.Bytes))];
}
