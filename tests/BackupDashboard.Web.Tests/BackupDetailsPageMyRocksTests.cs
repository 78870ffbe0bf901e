using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>A backup's page says what of it is MyRocks files copied whole, and the page-tracking warning of an incremental taken with it.</summary>
public sealed class BackupDetailsPageMyRocksTests : ComponentTest
{
    [Fact]
    public void The_page_shows_the_MyRocks_bytes_and_share_and_the_page_tracking_warning()
    {
        using var repo = new TempFolder("bdash-page-myrocks-");
        var record = new BackupRecord
        {
            Id = "i1", Server = "db", Kind = BackupKind.Incremental, ParentId = "f", ToolName = "xtrabackup", ToolVersion = "8.0.35-30",
            StartedAt = DateTimeOffset.UnixEpoch, Status = BackupStatus.Succeeded, Bytes = 4 << 20, Directory = repo.Combine("i1"),
            CommandLine = ["xtrabackup", "--backup", "--incremental-basedir=/b/f", "--page-tracking"],
        };
        Directory.CreateDirectory(Path.Combine(record.TargetDir, ".rocksdb"));
        File.WriteAllBytes(Path.Combine(record.TargetDir, ".rocksdb", "000009.sst"), new byte[1 << 20]);
        SignInAs("vera", Engine.Access.Role.Viewer);
        Services.AddSingleton<IBackupPage>(new OneBackup(BackupDetails.Read(record, [record])));

        var page = Render<BackupDetailsPage>(p => p.Add(x => x.Server, "db").Add(x => x.Id, "i1"));

        page.WaitForAssertion(() => Assert.Equal("1.0 MiB in 1 file, copied whole: 25 % of the backup", page.Find("#backup-myrocks").TextContent));
        Assert.Contains("ALGORITHM=INPLACE, LOCK=EXCLUSIVE", page.Find(".backup-warning").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_without_MyRocks_says_none_and_has_no_warning()
    {
        using var repo = new TempFolder("bdash-page-myrocks-");
        var record = new BackupRecord
        {
            Id = "f", Server = "db", Kind = BackupKind.Full, ToolName = "mariabackup", StartedAt = DateTimeOffset.UnixEpoch,
            Status = BackupStatus.Succeeded, Bytes = 100, Directory = repo.Combine("f"), CommandLine = ["mariabackup", "--backup"],
        };
        Directory.CreateDirectory(record.TargetDir);
        SignInAs("vera", Engine.Access.Role.Viewer);
        Services.AddSingleton<IBackupPage>(new OneBackup(BackupDetails.Read(record, [record])));

        var page = Render<BackupDetailsPage>(p => p.Add(x => x.Server, "db").Add(x => x.Id, "f"));

        page.WaitForAssertion(() => Assert.Equal("none", page.Find("#backup-myrocks").TextContent));
        Assert.Empty(page.FindAll(".backup-warning"));
    }

    private sealed class OneBackup(BackupDetails details) : IBackupPage
    {
        public Task<BackupDetails?> DetailsAsync(string server, string id, CancellationToken cancellationToken) => Task.FromResult<BackupDetails?>(details);
    }
}
