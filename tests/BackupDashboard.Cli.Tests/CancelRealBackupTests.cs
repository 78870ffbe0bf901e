using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// Cancel of a real mariabackup run from another bdash: the tool is stopped, nothing of it is left
/// running, and the half backup is recorded cancelled, never offered as a base or restore point.
/// </summary>
public sealed class CancelRealBackupTests : IAsyncLifetime
{
    private readonly BackupServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_mariabackup_held_at_its_backup_stage_is_cancelled_from_another_bdash_and_left_no_tool_and_no_restore_point()
    {
        await _server.RegisterAsync("held");
        var bdash = _server.Bdash();
        // Another session in a backup stage: mariabackup's own BACKUP STAGE START waits for it, so the run lasts.
        await using var holder = await _server.Db.OpenAsync();
        await using (var stage = holder.CreateCommand())
        {
            stage.CommandText = "BACKUP STAGE START";
            await stage.ExecuteNonQueryAsync();
        }

        var (backup, _, _) = bdash.Start("backup", "held", "--full");
        using (backup)
        {
            string? id = null;
            Assert.True(await Eventually.HoldsAsync(async () =>
            {
                var running = (await bdash.JsonAsync("jobs", "--state", "running")).EnumerateArray().ToList();
                id = running.Count == 1 ? running[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                return id is not null && ProcessTable.Parents().Keys.Any(pid => ProcessTable.Name(pid).StartsWith("mariabackup", StringComparison.Ordinal)
                    && ProcessTable.CommandLine(pid).Contains(_server.DataDir, StringComparison.Ordinal));
            }, TimeSpan.FromSeconds(60)), "mariabackup did not start");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(backup.HasExited, "the backup ended before it could be cancelled: it was not held");

            var cancel = await bdash.RunAsync("jobs", "cancel", id!, "--wait");
            await backup.WaitForExitAsync();

            Assert.True(cancel.ExitCode == 0, cancel.Output + cancel.Error);
            Assert.Contains("ended: cancelled", cancel.Output, StringComparison.Ordinal);
            Assert.Equal(1, backup.ExitCode);
        }

        var stored = Assert.Single((await bdash.JsonAsync("backups", "held")).EnumerateArray());
        Assert.Equal("cancelled", stored.GetProperty("status").GetString());
        Assert.DoesNotContain(ProcessTable.Parents().Keys, pid => ProcessTable.CommandLine(pid).Contains(_server.DataDir, StringComparison.Ordinal)
            && ProcessTable.Name(pid).StartsWith("mariabackup", StringComparison.Ordinal));
        // Not a base: an incremental now has nothing to build on.
        var incremental = await bdash.RunAsync("backup", "held", "--incremental");
        Assert.Equal(2, incremental.ExitCode);
        var credentials = Path.Combine(_server.DataDir, "credentials");
        Assert.True(!Directory.Exists(credentials) || !Directory.EnumerateFileSystemEntries(credentials).Any(), "a credentials file was left behind");
    }
}
