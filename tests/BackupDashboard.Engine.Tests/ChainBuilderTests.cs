using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests;

public sealed class ChainBuilderTests : IDisposable
{
    private readonly TempFolder _repo = new();
    private readonly DateTimeOffset _t0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_with_linked_incrementals_is_one_valid_chain_in_time_order()
    {
        var full = Backup("f", BackupKind.Full, null, 0, 100, minutes: 0);
        var inc1 = Backup("i1", BackupKind.Incremental, "f", 100, 200, minutes: 10);
        var inc2 = Backup("i2", BackupKind.Incremental, "i1", 200, 300, minutes: 20);

        var chain = Assert.Single(ChainBuilder.Build([inc2, full, inc1]));

        Assert.True(chain.Valid, string.Join("; ", chain.Reasons));
        Assert.Equal(["f", "i1", "i2"], chain.Backups.Select(b => b.Id));
    }

    [Theory]
    [InlineData(150ul, "gap: i1 starts at from_lsn 150, after f ends (to_lsn 100)")]
    [InlineData(50ul, "overlap: i1 starts at from_lsn 50, before f ends (to_lsn 100)")]
    public void A_link_whose_from_lsn_is_not_the_parents_to_lsn_is_a_gap_or_an_overlap(ulong fromLsn, string reason)
    {
        var chain = Assert.Single(ChainBuilder.Build([Backup("f", BackupKind.Full, null, 0, 100, 0), Backup("i1", BackupKind.Incremental, "f", fromLsn, 300, 10)]));

        Assert.False(chain.Valid);
        Assert.Equal([reason], chain.Reasons);
    }

    [Fact]
    public void A_failed_run_appears_in_place_and_the_chain_stays_valid()
    {
        var failed = Backup("i1", BackupKind.Incremental, "f", null, null, 10) with { Status = BackupStatus.Failed, Problem = "Access denied\nmore" };
        var next = Backup("i2", BackupKind.Incremental, "f", 100, 200, 20);

        var chain = Assert.Single(ChainBuilder.Build([Backup("f", BackupKind.Full, null, 0, 100, 0), failed, next]));

        Assert.Equal(["f", "i1", "i2"], chain.Backups.Select(b => b.Id));
        Assert.True(chain.Valid, string.Join("; ", chain.Reasons));
    }

    [Fact]
    public void A_running_incremental_does_not_make_the_chain_invalid()
    {
        var running = Backup("i1", BackupKind.Incremental, "f", 100, null, 10) with { Status = BackupStatus.Running };

        var chain = Assert.Single(ChainBuilder.Build([Backup("f", BackupKind.Full, null, 0, 100, 0), running]));

        Assert.True(chain.Valid, string.Join("; ", chain.Reasons));
    }

    [Theory]
    [InlineData(BackupStatus.Failed, "f failed (Can't connect): this chain has no restore point")]
    [InlineData(BackupStatus.Running, "f has not finished: this chain has no restore point")]
    public void A_chain_whose_full_did_not_succeed_has_no_restore_point(BackupStatus status, string reason)
    {
        var full = Backup("f", BackupKind.Full, null, null, null, 0) with { Status = status, Problem = "Can't connect\nto server" };

        var chain = Assert.Single(ChainBuilder.Build([full]));

        Assert.False(chain.Valid);
        Assert.Equal([reason], chain.Reasons);
    }

    [Fact]
    public void A_good_incremental_on_a_failed_run_is_still_flagged()
    {
        var failed = Backup("i1", BackupKind.Incremental, "f", null, null, 10) with { Status = BackupStatus.Failed };
        var onFailed = Backup("i2", BackupKind.Incremental, "i1", 100, 200, 20);

        var chain = Assert.Single(ChainBuilder.Build([Backup("f", BackupKind.Full, null, 0, 100, 0), failed, onFailed]));

        Assert.False(chain.Valid);
        Assert.Contains("i2 is based on i1, which failed", chain.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_incremental_on_a_partial_base_and_missing_files_are_flagged()
    {
        var partial = Backup("f", BackupKind.Full, null, 0, 100, 0) with { Partial = true };
        var gone = Backup("i1", BackupKind.Incremental, "f", 100, 200, 10);
        Directory.Delete(gone.TargetDir, recursive: true);

        var chain = Assert.Single(ChainBuilder.Build([partial, gone]));

        Assert.Contains("i1 is based on f, a partial backup: never base an incremental on one", chain.Reasons);
        Assert.Contains($"i1: its files are missing ({gone.TargetDir})", chain.Reasons);
    }

    [Fact]
    public void An_incremental_whose_base_is_not_in_the_catalog_starts_an_invalid_chain_of_its_own()
    {
        var chains = ChainBuilder.Build([Backup("f", BackupKind.Full, null, 0, 100, 0), Backup("i9", BackupKind.Incremental, "gone", 500, 600, 10)]);

        Assert.Equal(2, chains.Count);
        Assert.True(chains[0].Valid);
        Assert.Equal(["i9: its base gone is missing from the catalog"], chains[1].Reasons);
    }

    [Fact]
    public void The_base_selector_never_picks_a_failed_or_partial_backup()
    {
        var good = Backup("f", BackupKind.Full, null, 0, 100, 0);
        File.WriteAllText(Path.Combine(good.TargetDir, "xtrabackup_checkpoints"), "backup_type = full-backuped\nfrom_lsn = 0\nto_lsn = 100\nlast_lsn = 110\n");
        var failed = Backup("f2", BackupKind.Full, null, null, null, 5) with { Status = BackupStatus.Failed };
        var partial = Backup("f3", BackupKind.Full, null, 0, 150, 6) with { Partial = true };

        var (parent, from) = BaseSelector.Choose("db", new BackupOrder(BackupKind.Incremental), [good, failed, partial]);

        Assert.Equal(("f", 100ul), (parent!.Id, from!.Value));
        Assert.Contains("failed", Assert.Throws<BackupRefusedException>(() => BaseSelector.Choose("db", new BackupOrder(BackupKind.Incremental, "f2"), [good, failed])).Message, StringComparison.Ordinal);
        Assert.Contains("partial", Assert.Throws<BackupRefusedException>(() => BaseSelector.Choose("db", new BackupOrder(BackupKind.Incremental, "f3"), [partial])).Message, StringComparison.Ordinal);
        Assert.Contains("take a full backup first", Assert.Throws<BackupRefusedException>(() => BaseSelector.Choose("db", new BackupOrder(BackupKind.Incremental), [failed])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_round_trips_and_a_broken_one_is_an_error_naming_the_file()
    {
        var record = Backup("f", BackupKind.Full, null, 0, 100, 0) with { CommandLine = ["mariabackup", "--backup"], LastLsn = 120 };
        BackupManifest.Write(record);

        Assert.Equal(record with { CommandLine = [] }, BackupManifest.Read(record.Directory) with { CommandLine = [] });
        Assert.Equal(record.CommandLine, BackupManifest.Read(record.Directory).CommandLine);
        File.WriteAllText(Path.Combine(record.Directory, "manifest.json"), "{ \"format_version\": 1, \"id\": ");
        var error = Assert.Throws<InvalidDataException>(() => BackupManifest.Read(record.Directory));
        Assert.Contains(Path.Combine(record.Directory, "manifest.json"), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("to_lsn = 200", "to_lsn = 250", "i1: its checkpoints file says from_lsn 100, to_lsn 250, last_lsn 200; the catalog recorded 100, 200, none: the file was changed after the backup")]
    [InlineData("backup_type = incremental", "backup_type = full-backuped", "i1: its checkpoints file says backup_type = full-backuped, not incremental: the file was changed after the backup")]
    [InlineData(null, "garbage", "i1: its checkpoints file is unreadable")]
    [InlineData(null, null, "i1: no checkpoints file in")]
    public void An_incremental_whose_checkpoints_no_longer_say_what_was_recorded_is_flagged_and_is_not_a_restore_point(string? from, string? to, string reason)
    {
        var full = Backup("f", BackupKind.Full, null, 0, 100, 0);
        var inc1 = Backup("i1", BackupKind.Incremental, "f", 100, 200, 10);
        var inc2 = Backup("i2", BackupKind.Incremental, "i1", 200, 300, 20);
        var checkpoints = Path.Combine(inc1.TargetDir, "xtrabackup_checkpoints");
        if (to is null)
        {
            File.Delete(checkpoints);
        }
        else
        {
            File.WriteAllText(checkpoints, from is null ? to : File.ReadAllText(checkpoints).Replace(from, to, StringComparison.Ordinal));
        }

        var chain = Assert.Single(ChainBuilder.Build([full, inc1, inc2]));

        Assert.False(chain.Valid);
        Assert.StartsWith(reason, Assert.Single(chain.Reasons), StringComparison.Ordinal);
        Assert.True(chain.IsRestorePoint(full));
        Assert.StartsWith(reason, chain.NotRestorePoints["i1"], StringComparison.Ordinal);
        Assert.Equal("i2 is based on i1, which is not a restore point", chain.NotRestorePoints["i2"]);
    }

    [Fact]
    public void A_full_consumed_by_an_in_place_restore_or_prepared_by_hand_leaves_no_restore_point()
    {
        var consumed = Backup("f", BackupKind.Full, null, 0, 100, 0) with { Consumed = "prepared in place by the restore of i1" };
        var inc = Backup("i1", BackupKind.Incremental, "f", 100, 200, 10);

        var marked = Assert.Single(ChainBuilder.Build([consumed, inc]));
        File.WriteAllText(Path.Combine(consumed.TargetDir, "xtrabackup_checkpoints"), "backup_type = full-prepared\nfrom_lsn = 0\nto_lsn = 200\nlast_lsn = 200\n");
        var byHand = Assert.Single(ChainBuilder.Build([consumed with { Consumed = null }, inc]));

        Assert.Equal("f was consumed: prepared in place by the restore of i1", marked.NotRestorePoints["f"]);
        Assert.StartsWith("f was already prepared in place (backup_type = full-prepared)", byHand.NotRestorePoints["f"], StringComparison.Ordinal);
        Assert.All([marked, byHand], chain => Assert.Equal("i1 is based on f, which is not a restore point", chain.NotRestorePoints["i1"]));
    }

    private BackupRecord Backup(string id, BackupKind kind, string? parent, ulong? from, ulong? to, int minutes)
    {
        var directory = Path.Combine(_repo.Path, id);
        Directory.CreateDirectory(Path.Combine(directory, BackupLayout.TargetFolder));
        if (to is { } toLsn)
        {
            // What the tool wrote: the chain view reads it back.
            CheckpointsFile.Create(kind == BackupKind.Full ? "full-backuped" : "incremental", from ?? 0, toLsn, toLsn)
                .Write(Path.Combine(directory, BackupLayout.TargetFolder, "xtrabackup_checkpoints"));
        }

        return new BackupRecord
        {
            Id = id, Server = "db", Kind = kind, ParentId = parent, FromLsn = from, ToLsn = to, ToolName = "mariabackup",
            StartedAt = _t0.AddMinutes(minutes), Status = BackupStatus.Succeeded, Directory = directory,
        };
    }

    public void Dispose() => _repo.Dispose();
}
