using BackupDashboard.Engine.Restores;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// Rename into place or copy back (docs/restore-plans.md, "Into place"), and the free space each
/// needs, on real mounts: a tmpfs, and a bind mount of it (one file system, two mounts).
/// </summary>
public sealed class IntoPlaceTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public void A_working_copy_beside_the_datadir_is_renamed_into_place_and_the_plan_says_why()
    {
        using var disk = ChainOnDisk.Linear(2);

        var step = disk.Plan("i1").Steps[^2];

        Assert.Equal(RestoreStepKind.RenameIntoPlace, step.Kind);
        Assert.Equal(["mv", "-T", "--", disk.Work("f"), disk.DataDir], step.Argv);
        Assert.Contains("is on the same mount as the datadir", step.Why, StringComparison.Ordinal);
        Assert.Contains("never half of it", step.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void In_place_and_move_back_copy_back_or_move_back_and_say_why()
    {
        using var disk = ChainOnDisk.Linear(2);

        var inPlace = disk.Plan("i1", disk.Options with { InPlace = true }).Steps[^2];
        var moveBack = disk.Plan("i1", disk.Options with { MoveBack = true }).Steps[^2];

        Assert.Equal(RestoreStepKind.CopyBack, inPlace.Kind);
        Assert.Contains("Copy, not rename: in place, the prepared folder is the stored full itself", inPlace.Why, StringComparison.Ordinal);
        Assert.Equal(RestoreStepKind.MoveBack, moveBack.Kind);
    }

    [Fact]
    public void A_datadir_that_is_a_symbolic_link_is_copied_back_into_what_it_points_to()
    {
        using var disk = ChainOnDisk.Linear(1);
        var real = Directory.CreateDirectory(disk.DataDir + "-real").FullName;
        Directory.CreateSymbolicLink(disk.DataDir, real);

        var step = disk.Plan("f").Steps[^2];

        Assert.Equal(RestoreStepKind.CopyBack, step.Kind);
        Assert.Contains("is a symbolic link", step.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_working_copy_on_another_mount_or_a_datadir_that_is_a_mount_point_is_copied_back()
    {
        using var disk = ChainOnDisk.Linear(2);
        using var tmpfs = await TmpfsMount.CreateAsync(16);

        var otherMount = disk.Plan("i1", disk.Options with { ScratchDir = Path.Combine(tmpfs.Path, "work") }).Steps[^2];
        var mountPoint = disk.Plan("i1", disk.Options with { DataDir = tmpfs.Path }).Steps[^2];

        Assert.Equal(RestoreStepKind.CopyBack, otherMount.Kind);
        Assert.Contains("rename(2) works only within one mount", otherMount.Why, StringComparison.Ordinal);
        Assert.Equal(RestoreStepKind.CopyBack, mountPoint.Kind);
        Assert.Contains($"{tmpfs.Path} is a mount point", mountPoint.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_back_on_the_working_copys_file_system_needs_room_for_both_and_a_rename_only_for_the_working_copy()
    {
        // Chain: a 4 MiB full and a 1 MiB incremental. On a 7 MiB tmpfs the working copy (5 MiB)
        // fits, the working copy and the copy-back of the full (9 MiB) do not.
        using var disk = ChainOnDisk.Linear(2);
        await File.WriteAllBytesAsync(Path.Combine(disk.Target("f"), "ibdata1"), new byte[4 * MiB]);
        await File.WriteAllBytesAsync(Path.Combine(disk.Target("i1"), "ibdata1.delta"), new byte[1 * MiB]);
        using var tmpfs = await TmpfsMount.CreateAsync(7);
        using var bound = await BindMount.CreateAsync(Path.Combine(tmpfs.Path, "data"), disk.DataDir + "-parent");
        var work = Path.Combine(tmpfs.Path, "work");

        var renamed = disk.Plan("i1", disk.Options with { DataDir = Path.Combine(tmpfs.Path, "restored"), ScratchDir = work });
        var copiedBack = disk.Plan("i1", disk.Options with { DataDir = Path.Combine(bound.Path, "restored"), ScratchDir = work });

        Assert.Equal(RestoreStepKind.RenameIntoPlace, renamed.Steps[^2].Kind);
        RestoreSpace.Check(renamed, work);
        Assert.Equal(RestoreStepKind.CopyBack, copiedBack.Steps[^2].Kind);
        var refused = Assert.Throws<RestoreRefusedException>(() => RestoreSpace.Check(copiedBack, work));
        Assert.Contains("the working copy of the chain and the copy-back, on one file system", refused.Message, StringComparison.Ordinal);
        Assert.Contains((5 * MiB + 4 * MiB + TargetsExtra(disk)).ToString("N0", System.Globalization.CultureInfo.CurrentCulture), refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The checkpoints files ChainOnDisk writes into each target.</summary>
    private static long TargetsExtra(ChainOnDisk disk) =>
        new FileInfo(Path.Combine(disk.Target("f"), "xtrabackup_checkpoints")).Length * 2 + new FileInfo(Path.Combine(disk.Target("i1"), "xtrabackup_checkpoints")).Length;
}
