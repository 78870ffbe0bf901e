using BackupDashboard.InnoDb.Inspection;

namespace BackupDashboard.InnoDb.Tests;

public class InspectionTests
{
    [Fact]
    public void Inspecting_an_incremental_counts_delta_pages_from_cluster_headers_alone()
    {
        var inspection = BackupInspection.Inspect(Fixture.Path("inc"));

        Assert.Equal("incremental", inspection.Checkpoints.BackupType);
        Assert.Equal("mariabackup", inspection.Info!.ToolName);
        Assert.Equal(2, inspection.DeltaPages);
        var zip = Assert.Single(inspection.Files, f => f.Path == "zip.ibd.delta");
        Assert.Equal(8192, zip.PageSize);
        Assert.Equal(0, Assert.Single(inspection.Files, f => f.Path == "empty.ibd.delta").DeltaPages);
    }

    [Fact]
    public void Inspecting_a_full_backup_gives_each_files_page_size()
    {
        var inspection = BackupInspection.Inspect(Fixture.Path("full"));

        Assert.Equal("full-backuped", inspection.Checkpoints.BackupType);
        Assert.Equal(0, inspection.DeltaPages);
        Assert.Equal(8192, Assert.Single(inspection.Files, f => f.Path == "zip.ibd").PageSize);
        Assert.Equal(16384, Assert.Single(inspection.Files, f => f.Path == "legacy-4pages.ibd").PageSize);
    }

    [Fact]
    public void A_directory_without_checkpoints_is_not_a_backup()
    {
        var e = Assert.Throws<InnoDbFormatException>(() => BackupInspection.Inspect(Fixture.Path("live")));
        Assert.EndsWith("xtrabackup_checkpoints", e.Path, StringComparison.Ordinal);
    }
}
