using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>mariabackup 10.11: plain --prepare everywhere (docs/restore-plans.md: 10.11 rejects --apply-log-only), on a working copy.</summary>
public sealed class MariaBackupPlanTests
{
    [Fact]
    public void A_lone_full_is_copied_prepared_renamed_into_place_and_chowned()
    {
        using var disk = ChainOnDisk.Linear(1);

        var plan = disk.Plan("f");

        Assert.Equal([RestoreStepKind.Copy, RestoreStepKind.Prepare, RestoreStepKind.RenameIntoPlace, RestoreStepKind.Chown], plan.Steps.Select(s => s.Kind));
        Assert.Equal(["cp", "-a", "--reflink=auto", "--sparse=always", disk.Target("f") + "/.", disk.Work("f")], plan.Steps[0].Argv);
        Assert.Equal(["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}"], plan.Steps[1].Argv);
        Assert.Equal(["mv", "-T", "--", disk.Work("f"), disk.DataDir], plan.Steps[2].Argv);
        Assert.Equal(["chown", "-R", "mysql:mysql", disk.DataDir], plan.Steps[3].Argv);
        Assert.Equal(disk.Work("f"), plan.PreparedDir);
        Assert.Equal(["f"], plan.Chain.Select(b => b.Id));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void A_full_and_an_incremental_prepare_in_order_on_the_working_copy()
    {
        using var disk = ChainOnDisk.Linear(2);

        var plan = disk.Plan("i1");

        Assert.Equal([RestoreStepKind.Copy, RestoreStepKind.Copy, RestoreStepKind.Prepare, RestoreStepKind.Prepare, RestoreStepKind.RenameIntoPlace, RestoreStepKind.Chown],
            plan.Steps.Select(s => s.Kind));
        Assert.Equal([disk.Work("f"), disk.Work("i1")], plan.Steps.Where(s => s.Kind == RestoreStepKind.Copy).Select(s => s.Argv[^1]));
        Assert.Equal(
            [["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}"],
             ["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i1")}"]],
            Prepares(plan));
        Assert.Contains("copy-on-write", plan.Steps[0].Why, StringComparison.Ordinal);
        Assert.Contains("FICLONE", plan.Steps[0].Why, StringComparison.Ordinal);
        Assert.Contains("plain copies elsewhere", plan.Steps[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_backups_with_move_back_and_verify_never_use_apply_log_only()
    {
        using var disk = ChainOnDisk.Linear(3);

        var plan = disk.Plan("i2", disk.Options with { MoveBack = true, Verify = true, Owner = "mysql:dba" });

        Assert.DoesNotContain(plan.Steps, s => s.Argv.Contains("--apply-log-only"));
        Assert.Equal(
            [["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}"],
             ["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i1")}"],
             ["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i2")}"]],
            Prepares(plan));
        Assert.All(plan.Steps.Where(s => s.Kind == RestoreStepKind.Prepare),
            s => Assert.Contains("No --apply-log-only: mariabackup 10.11.19 (MariaDB 10.2 and later) does no rollback in prepare", s.Why, StringComparison.Ordinal));
        Assert.Equal([RestoreStepKind.MoveBack, RestoreStepKind.Chown, RestoreStepKind.Verify], plan.Steps.TakeLast(3).Select(s => s.Kind));
        Assert.Equal(["mariabackup", "--move-back", $"--target-dir={disk.Work("f")}", $"--datadir={disk.DataDir}"], plan.Steps[^3].Argv);
        Assert.Equal(["chown", "-R", "mysql:dba", disk.DataDir], plan.Steps[^2].Argv);
        Assert.Equal(["mariadbd", "--no-defaults", $"--datadir={disk.DataDir}"], plan.Steps[^1].Argv.Take(3));
        Assert.Contains("CHECK TABLE", plan.Steps[^1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void In_place_prepares_the_stored_targets_and_warns_that_the_chain_is_used_up()
    {
        using var disk = ChainOnDisk.Linear(2);

        var plan = disk.Plan("i1", disk.Options with { InPlace = true, ToolPath = "/opt/mariadb/bin/mariabackup" });

        Assert.DoesNotContain(plan.Steps, s => s.Kind == RestoreStepKind.Copy);
        Assert.Equal(disk.Target("f"), plan.PreparedDir);
        Assert.Equal(["/opt/mariadb/bin/mariabackup", "--prepare", $"--target-dir={disk.Target("f")}", $"--incremental-dir={disk.Target("i1")}"], Prepares(plan)[1]);
        Assert.Contains(plan.Warnings, w => w.Contains("the stored chain is used up by this restore", StringComparison.Ordinal));
        Assert.Null(plan.Options.WorkDir);
    }

    [Fact]
    public void A_scratch_dir_of_the_operators_choice_holds_the_working_copy()
    {
        using var disk = ChainOnDisk.Linear(2);
        var scratch = Path.Combine(Path.GetTempPath(), "bdash-scratch-x");

        var plan = disk.Plan("i1", disk.Options with { ScratchDir = scratch });

        Assert.Equal(Path.Combine(scratch, "f"), plan.PreparedDir);
        Assert.Equal(Path.Combine(scratch, "i1"), plan.Steps[1].Argv[^1]);
    }

    [Fact]
    public void MariaDB_10_1_uses_apply_log_only_on_the_base_and_all_incrementals_but_the_last()
    {
        using var disk = ChainOnDisk.Linear(3, version: "10.1.48");

        var plan = disk.Plan("i2");

        Assert.Equal(
            [["mariabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}"],
             ["mariabackup", "--prepare", "--apply-log-only", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i1")}"],
             ["mariabackup", "--prepare", $"--target-dir={disk.Work("f")}", $"--incremental-dir={disk.Work("i2")}"]],
            Prepares(plan));
        Assert.Contains("mariabackup 10.1.48 (before MariaDB 10.2) rolls back uncommitted transactions", plan.Steps[3].Why, StringComparison.Ordinal);
        Assert.Contains("without --apply-log-only: it is the restore point", plan.Steps[5].Why, StringComparison.Ordinal);
    }

    internal static List<string[]> Prepares(RestorePlan plan) =>
        plan.Steps.Where(s => s.Kind == RestoreStepKind.Prepare).Select(s => s.Argv.ToArray()).ToList();
}
