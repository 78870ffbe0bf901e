using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Runs;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Retention;

/// <summary>Removing a server keeps its backups unless asked; with them, every chain goes as retention deletes one, or nothing does.</summary>
public sealed class ServerRemovalTests : IDisposable
{
    private readonly ThreeChains _repo = new();
    private readonly TempFolder _locks = new("bdash-locks-");
    private readonly MemoryRetention _retention = new();
    private readonly MemoryCatalog _catalog;
    private readonly OneServer _servers = new(new RegisteredServer { Name = "db", SocketPath = "/nonexistent.sock", User = "x", DataDir = "/nonexistent" });
    private readonly ServerRemoval _removal;

    public ServerRemovalTests()
    {
        // A failed run in the newest chain goes with it.
        _repo.Disk.Add("c2", BackupKind.Incremental, "c1", 2200, 0);
        _repo.Disk.Change("c2", b => b with { Status = BackupStatus.Failed, StartedAt = ThreeChains.Now.AddHours(-1) });
        _catalog = new MemoryCatalog(_repo.Backups);
        _removal = new ServerRemoval(_servers, new RetentionRunner(_catalog, _retention, _servers, new BackupRepository(Root), _locks.Path, new FixedClock(ThreeChains.Now)));
    }

    private string Root => Path.GetDirectoryName(_repo.Backups[0].Directory)!;

    [Fact]
    public async Task Without_asking_the_backups_stay()
    {
        var removed = await _removal.RemoveAsync("db", withBackups: false, "ops (test)", CancellationToken.None);

        Assert.True(removed.Removed);
        Assert.Null(removed.Backups);
        Assert.Contains("Its backups stay", removed.Words, StringComparison.Ordinal);
        Assert.Equal(["db"], _servers.Removed);
        Assert.Equal(7, (await _catalog.ListAsync("db", CancellationToken.None)).Count);
        Assert.All(_repo.Backups, b => Assert.True(Directory.Exists(b.Directory)));
    }

    [Fact]
    public async Task With_its_backups_every_chain_and_failed_run_is_deleted_recorded_and_then_the_server_is_forgotten()
    {
        var removed = await _removal.RemoveAsync("db", withBackups: true, "ops (test)", CancellationToken.None);

        Assert.True(removed.Removed, removed.Words);
        Assert.Equal((3, 7), (removed.Backups!.Chains.Count, removed.Backups.Backups));
        Assert.Empty(await _catalog.ListAsync("db", CancellationToken.None));
        Assert.All(_repo.Backups, b => Assert.False(Directory.Exists(b.Directory), b.Id));
        Assert.Equal(["a", "b", "c"], _retention.Deletions.Select(d => d.FullId).Order());
        Assert.All(_retention.Deletions, d => Assert.Equal(("ops (test)", "its server db was removed with its backups"), (d.Who, d.Why)));
        Assert.Equal(["c", "c1", "c2"], _retention.Deletions.Single(d => d.FullId == "c").BackupIds);
        Assert.Equal(["db"], _servers.Removed);
        Assert.Contains("7 backups", removed.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_reading_any_chain_refuses_the_whole_removal_before_anything_is_deleted()
    {
        using (var restoring = ChainUseLock.TryUse(_locks.Path, "db", "b"))
        {
            Assert.NotNull(restoring);
            var refused = await Assert.ThrowsAsync<RetentionRefusedException>(() => _removal.RemoveAsync("db", withBackups: true, "ops", CancellationToken.None));

            Assert.True(refused.Busy);
            Assert.Contains("restore reads the chain of b", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(7, (await _catalog.ListAsync("db", CancellationToken.None)).Count);
        Assert.All(_repo.Backups, b => Assert.True(Directory.Exists(b.Directory), b.Id));
        Assert.Empty(_retention.Deletions);
        Assert.Empty(_servers.Removed);

        // The chain locks taken for the refused attempt were all let go: a restore may start.
        using var again = ChainUseLock.TryUse(_locks.Path, "db", "a");
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_running_backup_refuses_it_and_an_unknown_server_is_said()
    {
        var (backup, _) = ServerBackupLock.TryAcquire(_locks.Path, "db");
        using (backup)
        {
            var refused = await Assert.ThrowsAsync<RetentionRefusedException>(() => _removal.RemoveAsync("db", withBackups: true, "ops", CancellationToken.None));
            Assert.Contains("A backup of 'db' is running", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(7, (await _catalog.ListAsync("db", CancellationToken.None)).Count);
        var unknown = await _removal.RemoveAsync("other", withBackups: true, "ops", CancellationToken.None);
        Assert.False(unknown.Removed);
        Assert.Equal("No server named 'other' is registered.", unknown.Words);
        Assert.Empty(_servers.Removed);
    }

    [Fact]
    public async Task A_chain_that_cannot_be_moved_keeps_the_server_registered_and_says_which()
    {
        // A folder that cannot be renamed: its parent is read-only (root ignores that, so the
        // test makes the trash a file instead, which no folder can be moved into).
        await File.WriteAllTextAsync(Path.Combine(Root, RetentionRunner.TrashFolder), "not a folder");

        var removed = await _removal.RemoveAsync("db", withBackups: true, "ops", CancellationToken.None);

        Assert.False(removed.Removed);
        Assert.Contains("db stays registered", removed.Words, StringComparison.Ordinal);
        Assert.Contains("not deleted, every backup of it left in place", removed.Words, StringComparison.Ordinal);
        Assert.Empty(_servers.Removed);
        Assert.All(_repo.Backups, b => Assert.True(Directory.Exists(b.Directory), b.Id));
    }

    public void Dispose()
    {
        _repo.Dispose();
        _locks.Dispose();
    }
}
