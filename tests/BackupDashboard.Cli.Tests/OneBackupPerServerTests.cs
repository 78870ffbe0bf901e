using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>Two cron'd bdash backups of one server at the same moment: one runs, the other is refused.</summary>
public sealed class OneBackupPerServerTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-lock-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 4);

    [Fact]
    public async Task A_second_backup_of_a_server_while_one_runs_in_another_process_exits_2_naming_the_holder()
    {
        // The first run lasts until the test releases it, however long the second bdash takes to start.
        var release = _data.Combine("release-first-backup");
        var bdash = new Bdash(_data.Path) { Environment = { ["FAKE_XTRABACKUP_RELEASE"] = release } };
        await bdash.AddFakeXtraBackupServerAsync("cron", _datadir.Path);

        var (first, firstOutput, _) = bdash.Start("backup", "cron", "--full", "--json");
        // The first run holds the lock once it hands the tool its credentials.
        await Eventually.HoldsAsync(() => Directory.Exists(_data.Combine("credentials")));

        var second = await bdash.RunAsync("backup", "cron", "--full");
        await File.WriteAllTextAsync(release, "");
        await first.WaitForExitAsync();

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"A backup of 'cron' is already running (process {first.Id})", second.Error, StringComparison.Ordinal);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("\"status\": \"succeeded\"", await firstOutput, StringComparison.Ordinal);
        Assert.Single((await bdash.JsonAsync("backups", "cron")).EnumerateArray());
        // The lock went with the first process's run: the next backup runs.
        var third = await bdash.RunAsync("backup", "cron", "--incremental");
        Assert.Equal(0, third.ExitCode);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
