using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Rehearsals;
using BackupDashboard.Engine.Tests.Restores;

namespace BackupDashboard.Engine.Tests.Rehearsals;

/// <summary>Which backup a rehearsal restores: the chain builder's newest restore point (catalog records and checkpoints files only).</summary>
public sealed class NewestRestorePointTests
{
    [Fact]
    public void An_incremental_whose_checkpoints_were_edited_is_passed_over_for_the_one_before_it()
    {
        using var disk = ChainOnDisk.Linear(3);
        File.WriteAllText(Path.Combine(disk.Target("i2"), "xtrabackup_checkpoints"), "backup_type = incremental\nfrom_lsn = 200\nto_lsn = 999\nlast_lsn = 999\n");

        var (point, whyNone) = NewestRestorePoint.Find(disk.Backups);

        Assert.Equal("i1", point?.Id);
        Assert.Null(whyNone);
    }

    [Fact]
    public void Failed_and_partial_backups_are_no_restore_points_and_the_newest_ones_reason_is_given()
    {
        using var disk = ChainOnDisk.Linear(2);
        disk.Change("f", b => b with { Partial = true });
        disk.Change("i1", b => b with { Status = BackupStatus.Failed, Problem = "mariabackup exited with 1" });

        var (point, whyNone) = NewestRestorePoint.Find(disk.Backups);

        Assert.Null(point);
        Assert.Equal("none of its 2 backups is one (newest: i1 failed (mariabackup exited with 1))", whyNone);
    }
}
