using BackupDashboard.Engine.Restores;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

public class SpentIncrementalCopyTests
{
    private static RestoreStep Prepare(params string[] argv) => new(RestoreStepKind.Prepare, ["mariabackup", "--prepare", .. argv], "why");

    [Fact]
    public void An_incremental_prepare_spends_its_working_copy_inside_the_work_folder_only()
    {
        Assert.Equal("/r/work/inc1", SpentIncrementalCopy.Of(Prepare("--target-dir=/r/work/full", "--incremental-dir=/r/work/inc1"), "/r/work/"));
        Assert.Equal("/r/work/inc1", SpentIncrementalCopy.Of(Prepare("--target-dir=/r/work/full", "--incremental-dir=/r/work/x/../inc1"), "/r/work"));

        // The stored incremental itself (an in-place restore) is never removed.
        Assert.Null(SpentIncrementalCopy.Of(Prepare("--target-dir=/b/full", "--incremental-dir=/b/inc1"), "/r/work"));
        Assert.Null(SpentIncrementalCopy.Of(Prepare("--target-dir=/r/work/full", "--incremental-dir=/r/work-other/inc1"), "/r/work"));
        Assert.Null(SpentIncrementalCopy.Of(Prepare("--target-dir=/r/work/full"), "/r/work"));
        Assert.Null(SpentIncrementalCopy.Of(new RestoreStep(RestoreStepKind.Copy, ["cp", "--incremental-dir=/r/work/inc1"], "why"), "/r/work"));
    }

    [Fact]
    public async Task Removing_deletes_the_folder_and_a_missing_one_is_no_error()
    {
        using var folder = new TempFolder("bdash-spent-");
        var dir = Path.Combine(folder.Path, "inc1", "db");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "t.ibd.delta"), "x");
        await SpentIncrementalCopy.StartRemoving(Path.Combine(folder.Path, "inc1"));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "inc1")));
        await SpentIncrementalCopy.StartRemoving(Path.Combine(folder.Path, "inc1"));
    }
}
