using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tests.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests;

public sealed class BackupDetailsTests : IDisposable
{
    private readonly ChainOnDisk _disk = ChainOnDisk.Linear(3);

    [Fact]
    public void A_full_is_needed_by_every_incremental_built_on_it_and_its_checkpoints_are_read_from_disk()
    {
        var branch = _disk.Add("b1", BackupKind.Incremental, "f", 100, 150);
        File.WriteAllText(Path.Combine(_disk["f"].Directory!, BackupLayout.LogFile), "[00] completed OK!\n");

        var details = BackupDetails.Read(_disk["f"], _disk.Backups);

        Assert.Equal(["i1", "b1", "i2"], details.Dependents);
        Assert.Contains(details.Checkpoints, e => e.Key == "to_lsn" && e.Value == "100");
        Assert.Null(details.NotRestorePoint);
        Assert.Equal("[00] completed OK!\n", details.ToolLog);
        Assert.Empty(details.Problems);
        Assert.Empty(BackupDetails.Read(branch, _disk.Backups).Dependents);
    }

    [Fact]
    public void A_backup_whose_files_changed_says_why_it_is_no_restore_point_and_a_missing_folder_is_a_problem_in_words()
    {
        File.WriteAllText(Path.Combine(_disk["i1"].TargetDir, "xtrabackup_checkpoints"), "backup_type = incremental\nfrom_lsn = 100\nto_lsn = 999\nlast_lsn = 999\n");
        Directory.Delete(_disk["i2"].Directory!, recursive: true);

        var edited = BackupDetails.Read(_disk["i1"], _disk.Backups);
        var gone = BackupDetails.Read(_disk["i2"], _disk.Backups);

        Assert.NotNull(edited.NotRestorePoint);
        Assert.Contains(edited.Checkpoints, e => e.Key == "to_lsn" && e.Value == "999");
        Assert.Contains(gone.Problems, p => p.Contains("is not there", StringComparison.Ordinal));
        Assert.Empty(gone.Checkpoints);
    }

    public void Dispose() => _disk.Dispose();
}
