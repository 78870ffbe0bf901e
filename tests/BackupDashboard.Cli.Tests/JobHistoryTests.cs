using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash jobs: runs of bdash recorded with trigger cli; a cancel from another bdash process stops a
/// running backup (its tool stopped, run and backup cancelled); a run whose bdash was killed is
/// failed at the next start, never left "running"; bad input exits 2.
/// </summary>
public sealed class JobHistoryTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-jobs-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task A_cancel_from_another_bdash_stops_the_running_backup_and_both_end_cancelled()
    {
        var release = _data.Combine("release");
        var bdash = new Bdash(_data.Path) { Environment = { ["FAKE_XTRABACKUP_RELEASE"] = release } };
        await bdash.AddFakeXtraBackupServerAsync("cron", _datadir.Path);
        var (backup, _, backupError) = bdash.Start("backup", "cron", "--full");
        using (backup)
        {
            var id = await RunningAsync(bdash);
            var cancel = await bdash.RunAsync("jobs", "cancel", id, "--wait");
            await backup.WaitForExitAsync();
            var run = await bdash.JsonAsync("jobs", "show", id);
            var again = await bdash.RunAsync("jobs", "cancel", id);

            Assert.True(cancel.ExitCode == 0, cancel.Error);
            Assert.Contains($"Run {id} ended: cancelled.", cancel.Output, StringComparison.Ordinal);
            Assert.Equal(1, backup.ExitCode);
            Assert.Equal(("backup", "cron", "cli", "cancelled", true), (Text(run, "kind"), Text(run, "server"), Text(run, "trigger"), Text(run, "state"), run.GetProperty("cancel_requested").GetBoolean()));
            var stored = Assert.Single((await bdash.JsonAsync("backups", "cron")).EnumerateArray());
            Assert.Equal((Text(run, "subject"), "cancelled"), (Text(stored, "id"), Text(stored, "status")));
            Assert.DoesNotContain(ProcessTable.Parents().Keys, pid => ProcessTable.CommandLine(pid).Contains(FakeXtraBackup.Path, StringComparison.Ordinal)
                && ProcessTable.CommandLine(pid).Contains(_data.Path, StringComparison.Ordinal));
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("already ended (cancelled)", again.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled", await backupError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_run_whose_bdash_was_killed_is_failed_at_the_next_start_and_runs_list_newest_first()
    {
        var release = _data.Combine("release");
        var bdash = new Bdash(_data.Path) { Environment = { ["FAKE_XTRABACKUP_RELEASE"] = release } };
        await bdash.AddFakeXtraBackupServerAsync("cron", _datadir.Path);
        var (backup, _, _) = bdash.Start("backup", "cron", "--full");
        string id;
        using (backup)
        {
            id = await RunningAsync(bdash);
            backup.Kill(entireProcessTree: true);
            await backup.WaitForExitAsync();
        }

        await File.WriteAllTextAsync(release, "");
        var second = await bdash.RunAsync("backup", "cron", "--full");
        var runs = (await bdash.JsonAsync("jobs", "--server", "cron")).EnumerateArray().ToList();
        var table = await bdash.RunAsync("jobs", "--kind", "backup", "--state", "failed");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(2, runs.Count);
        Assert.Equal(("succeeded", "failed", id), (Text(runs[0], "state"), Text(runs[1], "state"), runs[1].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("Interrupted: the process that ran it", Text(runs[1], "reason"), StringComparison.Ordinal);
        Assert.Contains("failed", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("succeeded", table.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jobs --kind nope", "--kind: 'nope' is not a kind of run")]
    [InlineData("jobs --state Running", "--state:")]
    [InlineData("jobs --limit 0", "--limit: limit must be between 1 and 1000")]
    [InlineData("jobs --server ../etc", "--server:")]
    [InlineData("jobs show 4242", "no run 4242 in the job history")]
    [InlineData("jobs cancel 4242", "no run 4242 in the job history")]
    [InlineData("jobs cancel abc", "abc")]
    public async Task Bad_input_exits_2_naming_what(string command, string expected)
    {
        var run = await new Bdash(_data.Path).RunAsync(command.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }

    /// <summary>The id of the one running run, once the backup has started.</summary>
    private static async Task<string> RunningAsync(Bdash bdash)
    {
        string? id = null;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            var running = (await bdash.JsonAsync("jobs", "--state", "running")).EnumerateArray().ToList();
            id = running.Count == 1 ? running[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return id is not null;
        }, TimeSpan.FromSeconds(30)), "no running backup appeared");
        return id!;
    }

    private static string? Text(System.Text.Json.JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
}
