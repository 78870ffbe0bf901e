using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>Two bdash restores into one datadir at the same moment: one runs, the other is refused at once.</summary>
public sealed class OneRestorePerDatadirTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-restore-lock-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task A_second_restore_into_a_datadir_while_one_runs_in_another_process_exits_2_naming_the_holder()
    {
        // The first restore waits at its prepare step until the test releases it.
        var release = _data.Combine("release-prepare");
        var bdash = new Bdash(_data.Path) { Environment = { ["FAKE_XTRABACKUP_PREPARE_RELEASE"] = release } };
        await bdash.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        var full = (await bdash.JsonAsync("backup", "shop", "--full")).GetProperty("id").GetString()!;
        var target = _data.Combine("restored");

        var (first, firstOutput, firstError) = bdash.Start("restore", full, "--datadir", target, "--owner", "root");
        // The working copy is made after the lock is taken: from then on the first run holds it.
        await Eventually.HoldsAsync(() => Directory.Exists(target + ".restore-work") || first.HasExited);
        var second = await bdash.RunAsync("restore", full, "--datadir", target, "--owner", "root");
        // The same datadir named another way is the same datadir.
        var third = await bdash.RunAsync("restore", full, "--datadir", target + "/", "--owner", "root");
        await File.WriteAllTextAsync(release, "");
        await first.WaitForExitAsync();

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"A restore into {target} is already running (process {first.Id})", second.Error, StringComparison.Ordinal);
        Assert.Equal(2, third.ExitCode);
        Assert.Contains($"(process {first.Id})", third.Error, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0, await firstOutput + await firstError);
        Assert.True(File.Exists(Path.Combine(target, "t0.ibd")));
        // The lock went with the first run: a restore elsewhere, and one into the now full datadir, are judged on their own.
        var again = await bdash.RunAsync("restore", full, "--datadir", target, "--owner", "root");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("is not empty", again.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
