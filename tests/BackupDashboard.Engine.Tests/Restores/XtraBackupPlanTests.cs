using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// Percona XtraBackup 8.0: --apply-log-only on the base and every incremental but the last
/// (Percona: prepare-incremental-backup.md); a lone full gets a plain --prepare.
/// </summary>
public sealed class XtraBackupPlanTests
{
    [Fact]
    public void A_lone_full_gets_a_plain_prepare()
    {
        using var disk = ChainOnDisk.Linear(1, "xtrabackup", "8.0.35-30");

        var plan = disk.Plan("f");

        Assert.Equal([["xtrabackup", "--prepare", $"--target-dir={disk.Work("f")}"]], MariaBackupPlanTests.Prepares(plan));
        Assert.Contains("without --apply-log-only: it is the restore point and nothing is applied after it", plan.Steps[1].Why, StringComparison.Ordinal);
        Assert.Equal(["mv", "-T", "--", disk.Work("f"), disk.DataDir], plan.Steps[2].Argv);
    }

    [Fact]
    public void A_full_and_one_incremental_apply_log_only_on_the_base_only()
    {
        using var disk = ChainOnDisk.Linear(2, "xtrabackup", "8.0.35-30");

        var plan = disk.Plan("i1");

        Assert.Equal(
            [["xtrabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}"],
             ["xtrabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i1")}"]],
            MariaBackupPlanTests.Prepares(plan));
        Assert.Contains("with --apply-log-only: xtrabackup 8.0.35-30 rolls back uncommitted transactions in a plain --prepare", plan.Steps[2].Why, StringComparison.Ordinal);
        Assert.Contains("Apply the last incremental i1 (from_lsn 100, to_lsn 200)", plan.Steps[3].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_and_three_incrementals_apply_log_only_on_all_but_the_last_in_order()
    {
        using var disk = ChainOnDisk.Linear(4, "xtrabackup", "8.0.35-30");

        var plan = disk.Plan("i3", disk.Options with { Verify = true });

        Assert.Equal(
            [["xtrabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}"],
             ["xtrabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i1")}"],
             ["xtrabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i2")}"],
             ["xtrabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i3")}"]],
            MariaBackupPlanTests.Prepares(plan));
        Assert.Equal(["f", "i1", "i2", "i3"], plan.Steps.Where(s => s.Kind == RestoreStepKind.Copy).Select(s => s.BackupId));
        Assert.Contains("it is not the last (i2 follows)", plan.Steps[5].Why, StringComparison.Ordinal);
        Assert.Equal("mysqld", plan.Steps[^1].Argv[0]);
    }

    [Fact]
    public void Restoring_to_a_middle_incremental_leaves_later_backups_and_other_branches_out()
    {
        using var disk = ChainOnDisk.Linear(4, "xtrabackup", "8.0.35-30");
        disk.Add("i2b", Tools.BackupKind.Incremental, "i1", 200, 250);
        disk.Add("i4", Tools.BackupKind.Incremental, "i3", 999, 1100); // a gap after the restore point does not matter

        var plan = disk.Plan("i2");

        Assert.Equal(["f", "i1", "i2"], plan.Chain.Select(b => b.Id));
        Assert.Equal(
            [["xtrabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}"],
             ["xtrabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i1")}"],
             ["xtrabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i2")}"]],
            MariaBackupPlanTests.Prepares(plan));
        string[] later = ["i3", "i2b", "i4"];
        var leftOut = later.SelectMany(id => new[] { disk.Target(id), disk.Work(id) }).ToList();
        Assert.DoesNotContain(plan.Steps.SelectMany(s => s.Argv), a => leftOut.Any(dir => a.Contains(dir, StringComparison.Ordinal)));
    }
}
