using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Runs;
using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Retention;

/// <summary>Retention on real folders: what goes, what is recorded, and what stops it.</summary>
public sealed class RetentionRunnerTests : IDisposable
{
    private readonly ThreeChains _repo = new();
    private readonly TempFolder _locks = new("bdash-locks-");
    private readonly MemoryRetention _retention = new();
    private readonly MemoryCatalog _catalog;
    private readonly RetentionRunner _runner;

    public RetentionRunnerTests()
    {
        _catalog = new MemoryCatalog(_repo.Backups);
        var root = Path.GetDirectoryName(_repo.Backups[0].Directory)!;
        _runner = new RetentionRunner(_catalog, _retention, new OneServer(new RegisteredServer { Name = "db", SocketPath = "/nonexistent.sock", User = "x", DataDir = "/nonexistent" }),
            new BackupRepository(root), _locks.Path, new FixedClock(ThreeChains.Now));
    }

    private string Root => Path.GetDirectoryName(_repo.Backups[0].Directory)!;

    [Fact]
    public async Task A_dry_run_lists_what_the_run_then_deletes_and_the_run_records_who_what_and_the_bytes_freed()
    {
        await _retention.SavePolicyAsync("db", new RetentionPolicy(2, null), CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(_repo.Disk.Target("a"), "ibdata1"), new byte[65536]);
        var bytes = BackupRepository.SizeOf(_repo.Disk["a"].Directory) + BackupRepository.SizeOf(_repo.Disk["a1"].Directory);

        var dry = await _runner.RunAsync("db", dryRun: true, "ops (test)", CancellationToken.None);
        Assert.Equal(["a"], dry.Deleted.Select(d => d.Verdict.FullId));
        Assert.Equal(bytes, dry.Deleted.Single().Bytes);
        Assert.True(Directory.Exists(_repo.Disk["a"].Directory));
        Assert.Empty(_retention.Deletions);
        Assert.Equal(6, (await _catalog.ListAsync("db", CancellationToken.None)).Count);

        var run = await _runner.RunAsync("db", dryRun: false, "ops (test)", CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal(dry.Deleted.Select(d => (d.Verdict.FullId, d.Bytes)), run.Deleted.Select(d => (d.Verdict.FullId, d.Bytes)));
        Assert.False(Directory.Exists(_repo.Disk["a"].Directory));
        Assert.False(Directory.Exists(_repo.Disk["a1"].Directory));
        Assert.True(Directory.Exists(_repo.Disk["b1"].Directory));
        Assert.Equal(["b", "b1", "c", "c1"], (await _catalog.ListAsync("db", CancellationToken.None)).Select(b => b.Id).Order());
        var deletion = Assert.Single(_retention.Deletions);
        Assert.Equal(("a", "ops (test)", bytes, ThreeChains.Now), (deletion.FullId, deletion.Who, deletion.BytesFreed, deletion.At));
        Assert.Equal(["a", "a1"], deletion.BackupIds);
        Assert.Equal("older than the 2 newest chains", deletion.Why);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, RetentionRunner.TrashFolder)));
    }

    [Fact]
    public async Task A_chain_a_restore_holds_is_kept_and_a_chain_being_deleted_refuses_a_restore()
    {
        await _retention.SavePolicyAsync("db", new RetentionPolicy(1, null), CancellationToken.None);
        using (var restoring = ChainUseLock.TryUse(_locks.Path, "db", "a"))
        using (var second = ChainUseLock.TryUse(_locks.Path, "db", "a"))
        {
            Assert.NotNull(restoring);
            Assert.NotNull(second);
            var run = await _runner.RunAsync("db", dryRun: false, "ops", CancellationToken.None);

            Assert.Equal(["b"], run.Deleted.Select(d => d.Verdict.FullId));
            Assert.Equal("a running restore uses it", run.Plan.Kept.Single(k => k.FullId == "a").Why);
            Assert.True(Directory.Exists(_repo.Disk["a1"].Directory));
        }

        using var deleting = ChainUseLock.TryDelete(_locks.Path, "db", "a");
        Assert.NotNull(deleting);
        Assert.Null(ChainUseLock.TryUse(_locks.Path, "db", "a"));
    }

    [Fact]
    public async Task Retention_is_refused_without_a_policy_for_an_unknown_server_and_while_a_backup_runs()
    {
        var none = await Assert.ThrowsAsync<RetentionRefusedException>(() => _runner.RunAsync("db", false, "ops", CancellationToken.None));
        Assert.Contains("no retention policy", none.Message, StringComparison.Ordinal);
        Assert.Equal("server", (await Assert.ThrowsAsync<RetentionRefusedException>(() => _runner.RunAsync("web", false, "ops", CancellationToken.None))).Field);
        Assert.Equal("server", (await Assert.ThrowsAsync<RetentionRefusedException>(() => _runner.RunAsync("../etc", false, "ops", CancellationToken.None))).Field);

        await _retention.SavePolicyAsync("db", new RetentionPolicy(1, null), CancellationToken.None);
        var (backup, _) = ServerBackupLock.TryAcquire(_locks.Path, "db");
        using (backup)
        {
            var busy = await Assert.ThrowsAsync<RetentionRefusedException>(() => _runner.RunAsync("db", false, "ops", CancellationToken.None));
            Assert.True(busy.Busy);
            Assert.Contains("A backup of 'db' is running", busy.Message, StringComparison.Ordinal);
        }

        Assert.Equal(6, (await _catalog.ListAsync("db", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_chain_whose_folders_cannot_all_be_moved_is_left_whole_in_place()
    {
        // The full sits on another file system, so its rename into the trash fails after its incremental's succeeded.
        using var tmpfs = await TmpfsMount.CreateAsync(8);
        var elsewhere = Path.Combine(tmpfs.Path, "a");
        CopyFolder(_repo.Disk["a"].Directory, elsewhere);
        var moved = _repo.Disk.Change("a", b => b with { Directory = elsewhere });
        await _catalog.SaveAsync(moved, CancellationToken.None);
        await _retention.SavePolicyAsync("db", new RetentionPolicy(2, null), CancellationToken.None);

        var run = await _runner.RunAsync("db", dryRun: false, "ops", CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.StartsWith("not deleted, every backup of it left in place", run.Deleted.Single().Problem, StringComparison.Ordinal);
        Assert.True(Directory.Exists(elsewhere));
        Assert.True(File.Exists(Path.Combine(_repo.Disk.Target("a1"), "xtrabackup_checkpoints")));
        Assert.Equal(6, (await _catalog.ListAsync("db", CancellationToken.None)).Count);
        Assert.Empty(_retention.Deletions);
    }

    [Fact]
    public async Task Folders_an_interrupted_run_left_in_the_trash_are_forgotten_recorded_and_removed_by_the_next_run()
    {
        await _retention.SavePolicyAsync("db", new RetentionPolicy(3, null), CancellationToken.None);
        var trash = Path.Combine(Root, RetentionRunner.TrashFolder, "db+a+0123");
        // Another server whose name starts the same: its leftovers are its own next run's business.
        var other = Path.Combine(Root, RetentionRunner.TrashFolder, "db.prod+x+0123", "x");
        Directory.CreateDirectory(other);
        Directory.CreateDirectory(trash);
        Directory.Move(_repo.Disk["a1"].Directory, Path.Combine(trash, "a1"));
        Directory.Move(_repo.Disk["a"].Directory, Path.Combine(trash, "a"));
        Assert.Contains(new BackupRepository(Root).ReadAll().Notes, n => n.Contains("a retention run was deleting", StringComparison.Ordinal));

        var run = await _runner.RunAsync("db", dryRun: false, "ops", CancellationToken.None);

        Assert.Empty(run.Deleted);
        Assert.Contains(run.Notes, n => n.Contains("left by an interrupted retention run (a, a1), removed now", StringComparison.Ordinal));
        Assert.False(Directory.Exists(trash));
        Assert.True(Directory.Exists(other));
        Assert.Equal(["b", "b1", "c", "c1"], (await _catalog.ListAsync("db", CancellationToken.None)).Select(b => b.Id).Order());
        Assert.Equal(["a", "a1"], Assert.Single(_retention.Deletions).BackupIds);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        _locks.Dispose();
    }
}
