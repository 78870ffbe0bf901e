using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupDashboard.Engine.Tests;

public class BackupRunnerTests
{
    [Fact]
    public async Task A_backup_never_writes_into_a_folder_that_already_holds_something()
    {
        _ = RequiredTool.MariaBackup;
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var repo = new TempFolder();
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        var taken = BackupLayout.BackupFolder(repo.Path, "db", BackupLayout.NewId(clock.GetUtcNow(), BackupKind.Full));
        Directory.CreateDirectory(Path.Combine(taken, BackupLayout.TargetFolder));
        var precious = Path.Combine(taken, BackupLayout.TargetFolder, "ibdata1");
        await File.WriteAllTextAsync(precious, "someone else's backup");
        var servers = new OneServer(new RegisteredServer { Name = "db", SocketPath = db.SocketPath, User = "root", DataDir = db.DataDir });
        var runner = new BackupRunner(servers, new MemoryCatalog(), new BackupRepository(repo.Path), new DataFolder(repo.Combine("data")), clock, NullLogger<BackupRunner>.Instance);

        var record = await runner.RunAsync("db", new BackupOrder(BackupKind.Full), null, CancellationToken.None);

        Assert.True(record.IsGood, record.Problem);
        Assert.Equal(Path.GetFileName(taken) + "-2", record.Id);
        Assert.Equal("someone else's backup", await File.ReadAllTextAsync(precious));
    }
}
