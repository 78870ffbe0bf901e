using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// A partial backup is never a base nor a whole-server restore point; its plan prepares with
/// --export and imports each table (docs/restore-plans.md, "Partial backups").
/// </summary>
public sealed class PartialRestorePlanTests : IDisposable
{
    private readonly ChainOnDisk _disk = ChainOnDisk.Linear(1);

    public PartialRestorePlanTests()
    {
        _disk.Change("f", b => b with { Partial = true, Filter = new PartialFilter(Databases: "shop mysql") });
        foreach (var file in new[] { "shop/orders.new", "shop/my@002dnotes.ibd", "shop/gone.ibd", "shop/gone.del", "shop/parts#P#p0.ibd", "mysql/innodb_table_stats.ibd", "undo001" })
        {
            var path = Path.Combine(_disk.Target("f"), file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }
    }

    [Fact]
    public void The_plan_prepares_a_working_copy_with_export_then_checks_discards_copies_and_imports_each_table()
    {
        var plan = _disk.Plan("f");
        var work = _disk.Work("f");

        Assert.True(plan.IsPartial);
        Assert.Equal(
            ["copy", "prepare",
             "table-check", "discard-tablespace", "copy-table-files", "import-tablespace",
             "table-check", "discard-tablespace", "copy-table-files", "import-tablespace"],
            plan.Steps.Select(s => RestoreRunbook.Name(s.Kind)));
        Assert.Equal(["mariabackup", "--prepare", "--export", $"--target-dir={work}"], plan.Steps[1].Argv);
        Assert.Equal(["mariadb", "--execute=SHOW CREATE TABLE `shop`.`my-notes`"], plan.Steps[2].Argv);
        Assert.Equal(["mariadb", "--execute=ALTER TABLE `shop`.`my-notes` DISCARD TABLESPACE"], plan.Steps[3].Argv);
        Assert.Equal(["install", "-m", "0660", "-o", "mysql", "-g", "mysql", $"{work}/shop/my@002dnotes.ibd", $"{work}/shop/my@002dnotes.cfg", $"{_disk.DataDir}/shop/"], plan.Steps[4].Argv);
        Assert.Equal(["mariadb", "--execute=ALTER TABLE `shop`.`orders` IMPORT TABLESPACE"], plan.Steps[9].Argv);
        Assert.Equal("shop.orders", plan.Steps[9].Table);
        Assert.Contains(plan.Warnings, w => w.Contains("The operator runs these steps", StringComparison.Ordinal));
        Assert.Contains(plan.Warnings, w => w.StartsWith("Not imported: mysql.innodb_table_stats (a system table", StringComparison.Ordinal));
        Assert.Contains(plan.Warnings, w => w.StartsWith("Not imported: shop.parts#P#p0 (a partition", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Steps, s => s.Kind is RestoreStepKind.CopyBack or RestoreStepKind.MoveBack or RestoreStepKind.RenameIntoPlace or RestoreStepKind.Chown);
    }

    [Fact]
    public void In_place_prepares_the_stored_backup_and_an_owner_without_group_sets_only_the_user()
    {
        var plan = _disk.Plan("f", _disk.Options with { InPlace = true, Owner = "mysql" });

        Assert.Equal(["mariabackup", "--prepare", "--export", $"--target-dir={_disk.Target("f")}"], plan.Steps[0].Argv);
        Assert.Equal(["install", "-m", "0660", "-o", "mysql"], plan.Steps[3].Argv.Take(5));
        Assert.Contains(plan.Warnings, w => w.StartsWith("In place: prepare --export rewrites the stored f", StringComparison.Ordinal));
    }

    [Fact]
    public void A_whole_datadir_move_back_or_verify_is_refused_with_the_reason()
    {
        var moveBack = Assert.Throws<RestoreRefusedException>(() => _disk.Plan("f", _disk.Options with { MoveBack = true }));
        var verify = Assert.Throws<RestoreRefusedException>(() => _disk.Plan("f", _disk.Options with { Verify = true }));

        Assert.Equal("move_back", moveBack.Field);
        Assert.Contains("copying it back as a whole datadir", moveBack.Message, StringComparison.Ordinal);
        Assert.Contains("imported one by one", moveBack.Message, StringComparison.Ordinal);
        Assert.Contains("imported table by table into a running server", verify.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_is_shown_but_never_run_by_bdash()
    {
        var plan = _disk.Plan("f");

        var refused = Assert.Throws<RestoreRefusedException>(plan.RequireRunnable);

        Assert.Contains("those steps are run by the operator", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bdash restore f --plan", refused.Message, StringComparison.Ordinal);
        Assert.Equal("operator", RestorePlanView.From(plan).RunBy);
    }

    [Fact]
    public void The_runbook_writes_each_tables_steps_and_no_empty_datadir_check()
    {
        var script = RestoreRunbook.ToShellScript(_disk.Plan("f"));

        Assert.Contains("# Partial backup: f (to_lsn 100), databases shop mysql", script, StringComparison.Ordinal);
        Assert.Contains("mariabackup --prepare --export", script, StringComparison.Ordinal);
        Assert.Contains("mariadb '--execute=ALTER TABLE `shop`.`orders` DISCARD TABLESPACE'", script, StringComparison.Ordinal);
        Assert.Contains("mariadb '--execute=ALTER TABLE `shop`.`orders` IMPORT TABLESPACE'", script, StringComparison.Ordinal);
        Assert.Contains("Step 10 of 10, import-tablespace (shop.orders)", script, StringComparison.Ordinal);
        Assert.Contains("backup_type", script, StringComparison.Ordinal);
        Assert.DoesNotContain("must be empty", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--copy-back", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_backup_is_never_chosen_as_a_base_and_naming_it_is_refused_with_the_tools_warning()
    {
        var partial = _disk["f"];
        var incremental = new BackupOrder(BackupKind.Incremental);

        var none = Assert.Throws<BackupRefusedException>(() => BaseSelector.Choose("db", incremental, [partial]));
        var named = Assert.Throws<BackupRefusedException>(() => BaseSelector.Choose("db", incremental with { BaseId = "f" }, [partial]));
        var whole = _disk.Add("g", BackupKind.Full, null, 0, 50);
        var chosen = BaseSelector.Choose("db", incremental, [whole, partial with { StartedAt = whole.StartedAt.AddHours(1) }]);

        Assert.Contains("has no good backup to base an incremental on", none.Message, StringComparison.Ordinal);
        Assert.StartsWith("Backup f is a partial backup (databases shop mysql): it holds only some tables, and the tools warn that an incremental taken after a partial backup may be inconsistent.", named.Message, StringComparison.Ordinal);
        Assert.Equal("g", chosen.Parent!.Id);
    }

    [Fact]
    public void The_chain_of_a_partial_backup_holds_no_whole_server_restore_point()
    {
        var chain = Assert.Single(ChainBuilder.Build([_disk["f"]]));

        Assert.True(chain.IsPartial);
        Assert.False(chain.IsRestorePoint(_disk["f"]));
        Assert.StartsWith("f is a partial backup (only some tables: databases shop mysql), never a restore point of the whole server", chain.NotRestorePoints["f"], StringComparison.Ordinal);
        Assert.False(_disk["f"].IsGood);
        Assert.True(_disk["f"].IsGoodPartial);
    }

    [Fact]
    public void An_order_for_a_partial_incremental_or_with_a_bad_filter_is_refused()
    {
        Assert.Contains("may be inconsistent", new BackupOrder(BackupKind.Incremental, Filter: new PartialFilter("shop")).Problem(), StringComparison.Ordinal);
        Assert.StartsWith("--tables '(' is not a regular expression", new BackupOrder(BackupKind.Full, Filter: new PartialFilter(Tables: "(")).Problem(), StringComparison.Ordinal);
        Assert.Null(new BackupOrder(BackupKind.Full, Filter: new PartialFilter("shop")).Problem());
    }

    public void Dispose() => _disk.Dispose();
}
