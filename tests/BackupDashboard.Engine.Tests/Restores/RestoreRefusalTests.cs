using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>A plan is refused, with the reason naming backups and LSNs, whenever the restore cannot work.</summary>
public sealed class RestoreRefusalTests
{
    [Fact]
    public void A_failed_link_on_the_path_is_refused()
    {
        using var disk = ChainOnDisk.Linear(3);
        disk.Change("i1", b => b with { Status = BackupStatus.Failed, Problem = "Access denied for user 'backup'\nmore" });

        var reason = Refused(disk, "i2");

        Assert.Contains("i1 failed (Access denied for user 'backup')", reason, StringComparison.Ordinal);
        Assert.Contains("i2 is based on i1, which failed", reason, StringComparison.Ordinal);
        Assert.Contains("Chain: f (full, lsn 0 -> 100) -> i1 (incremental, lsn 100 -> 200) -> i2 (incremental, lsn 200 -> 300)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_lsn_gap_is_refused_naming_both_lsns()
    {
        using var disk = ChainOnDisk.Linear(1);
        disk.Add("i1", BackupKind.Incremental, "f", 150, 300);

        Assert.Contains("gap: i1 starts at from_lsn 150, after f ends (to_lsn 100)", Refused(disk, "i1"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_incremental_whose_base_is_missing_from_the_catalog_is_refused()
    {
        using var disk = ChainOnDisk.Linear(1);
        disk.Add("i9", BackupKind.Incremental, "gone", 500, 600);

        Assert.Contains("i9: its base gone is missing from the catalog", Refused(disk, "i9"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_base_is_refused()
    {
        using var disk = ChainOnDisk.Linear(2);
        disk.Change("f", b => b with { Partial = true });

        Assert.Contains("i1 is based on f, a partial backup", Refused(disk, "i1"), StringComparison.Ordinal);
        // Restored on its own, a partial full is a per-table import (PartialRestorePlanTests); this one holds no table.
        Assert.Contains("holds no InnoDB file-per-table table to import", Refused(disk, "f"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_that_mixes_mariabackup_and_xtrabackup_is_refused()
    {
        using var disk = ChainOnDisk.Linear(1);
        disk.Add("i1", BackupKind.Incremental, "f", 100, 200, "xtrabackup", "8.0.35-30");

        Assert.Contains("the chain mixes tool families (f: mariabackup 10.11.19, i1: xtrabackup 8.0.35-30)", Refused(disk, "i1"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_that_mixes_mariabackup_10_1_and_10_11_is_refused()
    {
        using var disk = ChainOnDisk.Linear(1, version: "10.1.48");
        disk.Add("i1", BackupKind.Incremental, "f", 100, 200, version: "10.11.19");

        Assert.Contains("mixes mariabackup versions before and after 10.2", Refused(disk, "i1"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_target_dir_or_checkpoints_file_is_refused()
    {
        using var disk = ChainOnDisk.Linear(3);
        Directory.Delete(disk.Target("i1"), recursive: true);
        File.Delete(Path.Combine(disk.Target("f"), "xtrabackup_checkpoints"));

        var reason = Refused(disk, "i2");

        Assert.Contains($"i1: its files are missing ({disk.Target("i1")})", reason, StringComparison.Ordinal);
        Assert.Contains($"f: no checkpoints file in {disk.Target("f")}", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BackupStatus.Failed, "Cannot restore i1 (server db, to_lsn 200): it failed (disk full)")]
    [InlineData(BackupStatus.Running, "Cannot restore i1 (server db, to_lsn 200): it has not finished")]
    public void A_restore_point_that_is_not_good_is_refused(BackupStatus status, string reason)
    {
        using var disk = ChainOnDisk.Linear(2);
        disk.Change("i1", b => b with { Status = status, Problem = "disk full" });

        Assert.StartsWith(reason, Refused(disk, "i1"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_without_a_tool_version_is_refused_because_the_flags_depend_on_it()
    {
        using var disk = ChainOnDisk.Linear(2);
        disk.Change("f", b => b with { ToolVersion = null });

        Assert.Contains("f has no tool version recorded", Refused(disk, "i1"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_datadir_inside_a_backup_is_refused()
    {
        using var disk = ChainOnDisk.Linear(1);

        var error = Assert.Throws<RestoreRefusedException>(() => disk.Plan("f", new RestoreOptions(disk.Target("f"))));

        Assert.Contains("is inside backup f", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_working_copy_inside_the_target_datadir_is_refused()
    {
        using var disk = ChainOnDisk.Linear(1);

        var error = Assert.Throws<RestoreRefusedException>(() => disk.Plan("f", disk.Options with { ScratchDir = Path.Combine(disk.DataDir, "work") }));

        Assert.Contains("must be separate directories", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoints_file_changed_after_the_backup_or_a_full_prepared_in_place_is_refused()
    {
        using var disk = ChainOnDisk.Linear(2);
        var checkpoints = Path.Combine(disk.Target("f"), "xtrabackup_checkpoints");
        var original = File.ReadAllText(checkpoints);

        File.WriteAllText(checkpoints, original.Replace("to_lsn = 100\n", "to_lsn = 150\n", StringComparison.Ordinal));
        Assert.Contains("f: its checkpoints file says from_lsn 0, to_lsn 150, last_lsn", Refused(disk, "i1"), StringComparison.Ordinal);
        Assert.Contains("the catalog recorded 0, 100,", Refused(disk, "i1"), StringComparison.Ordinal);

        File.WriteAllText(checkpoints, original.Replace("backup_type = full-backuped", "backup_type = log-applied", StringComparison.Ordinal));
        Assert.Contains("f was already prepared in place (backup_type = log-applied)", Refused(disk, "i1"), StringComparison.Ordinal);

        File.WriteAllText(checkpoints, "garbage");
        Assert.Contains("f: its checkpoints file is unreadable", Refused(disk, "i1"), StringComparison.Ordinal);
    }

    private static string Refused(ChainOnDisk disk, string id) =>
        Assert.Throws<RestoreRefusedException>(() => disk.Plan(id)).Message;
}
