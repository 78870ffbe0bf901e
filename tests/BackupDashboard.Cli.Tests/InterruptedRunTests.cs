using System.Text.Json;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash killed with SIGKILL in the middle of a backup: the next bdash start records the run as
/// interrupted (failed, never a base or restore point), stops the tool the killed process left
/// running, and deletes the credentials file it left behind.
/// </summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-killed-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 10);

    [Fact]
    public async Task A_backup_whose_bdash_was_killed_is_failed_at_the_next_start_and_its_credentials_file_is_gone()
    {
        var password = _data.Combine("password");
        await File.WriteAllTextAsync(password, "kill me not\n");
        // Never released: the run is still copying when it is killed, however slow the machine.
        var bdash = new Bdash(_data.Path) { Environment = { ["FAKE_XTRABACKUP_RELEASE"] = _data.Combine("never") } };
        await bdash.AddFakeXtraBackupServerAsync("slow", _datadir.Path, password);

        var (process, _, _) = bdash.Start("backup", "slow", "--full", "--json");
        var credentials = _data.Combine("credentials");
        Assert.True(await Eventually.HoldsAsync(() => Directory.Exists(credentials) && Directory.EnumerateFiles(credentials, "client.cnf", SearchOption.AllDirectories).Any()));
        // Only bdash is killed, once its tool runs (the credentials file is written just before
        // the tool starts): the tool goes on copying with nobody to record its end.
        int[] ToolsOf(int pid) => [.. ProcessTable.Tree(pid).Skip(1).Where(p => ProcessTable.CommandLine(p).Contains("--target-dir=", StringComparison.Ordinal))];
        Assert.True(await Eventually.HoldsAsync(() => ToolsOf(process.Id).Length == 1));
        var tool = ToolsOf(process.Id)[0];
        Signals.Send(process.Id, 9);

        await process.WaitForExitAsync();
        Assert.True(Signals.IsAlive(tool), "the orphaned tool still runs until the next start settles the run");
        Assert.Single(Directory.GetDirectories(credentials));

        var backups = await bdash.JsonAsync("backups", "slow");

        var run = Assert.Single(backups.EnumerateArray());
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.StartsWith("Interrupted: the process that ran this backup", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        // The fake tool is a bash script: a subshell it forks carries the same command line, so
        // the settling may find and stop it too, named beside the tool's own pid.
        Assert.Matches($@"Its tool was still running \(process (\d+, )*{tool}(, \d+)*\) and was stopped\.$", run.GetProperty("problem").GetString());
        Assert.False(Signals.IsAlive(tool) && ProcessTable.CommandLine(tool).Contains("--target-dir=", StringComparison.Ordinal), "no tool outlives the settled run");
        Assert.Empty(Directory.GetDirectories(credentials));
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(run.GetProperty("path").GetString())!, "manifest.json"))).RootElement;
        Assert.Equal("failed", manifest.GetProperty("status").GetString());
        var incremental = await bdash.RunAsync("backup", "slow", "--incremental");
        Assert.Equal(2, incremental.ExitCode);
        Assert.Contains("take a full backup first", incremental.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
