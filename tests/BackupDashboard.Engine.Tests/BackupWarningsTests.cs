using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Tests.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests;

/// <summary>
/// The page-tracking warning of Percona's docs is said wherever an incremental with page
/// tracking is started, planned or read: the order, the backup's view, its job outcome and a
/// restore plan through it (docs/tool-adapters.md, "Warnings").
/// </summary>
public sealed class BackupWarningsTests
{
    [Fact]
    public void An_incremental_ordered_with_page_tracking_is_warned_of_and_nothing_else_is()
    {
        Assert.Equal([BackupWarnings.PageTrackingIndexBuild], BackupWarnings.ForOrder(new BackupOrder(BackupKind.Incremental, PageTracking: true)));
        Assert.Empty(BackupWarnings.ForOrder(new BackupOrder(BackupKind.Full, PageTracking: true)));
        Assert.Empty(BackupWarnings.ForOrder(new BackupOrder(BackupKind.Incremental)));
        Assert.Contains("ALGORITHM=INPLACE, LOCK=EXCLUSIVE", BackupWarnings.PageTrackingIndexBuild, StringComparison.Ordinal);
        Assert.Contains("take a full backup", BackupWarnings.PageTrackingIndexBuild, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_taken_with_page_tracking_carries_the_warning_in_its_view_and_job_outcome()
    {
        using var disk = ChainOnDisk.Linear(2, "xtrabackup", "8.0.35-30");
        var tracked = disk.Change("i1", b => b with { CommandLine = ["xtrabackup", "--backup", "--incremental-basedir=/b/f", "--page-tracking"] });

        var view = BackupView.From(tracked);
        var ending = BackupJobEnding.Of(tracked);

        Assert.Contains(BackupWarnings.PageTrackingIndexBuild, Assert.Single(view.Warnings), StringComparison.Ordinal);
        Assert.Contains("Warning: i1 was taken with page tracking.", ending.Reason, StringComparison.Ordinal);
        Assert.Empty(BackupView.From(disk["f"]).Warnings);
        Assert.DoesNotContain("Warning", BackupJobEnding.Of(disk["f"] with { CommandLine = ["xtrabackup", "--backup", "--page-tracking"] }).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restore_plan_through_an_incremental_taken_with_page_tracking_warns_of_it()
    {
        using var disk = ChainOnDisk.Linear(3, "xtrabackup", "8.0.35-30");
        disk.Change("i1", b => b with { CommandLine = ["xtrabackup", "--backup", "--page-tracking"] });

        var plan = disk.Plan("i2");

        Assert.Single(plan.Warnings, w => w.StartsWith("i1 was taken with page tracking.", StringComparison.Ordinal));
        Assert.Empty(disk.Plan("f").Warnings);
    }

    [Fact]
    public void A_force_scan_order_for_a_full_is_refused_before_anything_runs()
    {
        Assert.Contains("--incremental-force-scan is for incremental backups", new BackupOrder(BackupKind.Full, IncrementalForceScan: true).Problem(), StringComparison.Ordinal);
        Assert.Null(new BackupOrder(BackupKind.Incremental, IncrementalForceScan: true).Problem());
    }

    [Fact]
    public void Force_scan_with_a_tool_whose_version_cannot_be_read_is_refused_in_words()
    {
        var unknown = new InstalledTool(BackupToolKind.XtraBackup, "xtrabackup", "/usr/bin/xtrabackup", "something odd", null);

        Assert.Contains("could not be read", BackupWarnings.NoForceScan(BackupTools.For(BackupToolKind.XtraBackup), unknown), StringComparison.Ordinal);
        Assert.Null(BackupWarnings.NoForceScan(BackupTools.For(BackupToolKind.XtraBackup), unknown with { Version = "8.0.29-22" }));
    }
}
