using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>bdash verbs that change something are in the audit log with who, via cli and their exit code; reads are not.</summary>
public sealed class AuditTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-audit-cli-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    [Fact]
    public async Task A_registration_and_a_refused_backup_are_recorded_and_a_listing_is_not()
    {
        // Not run through sudo here, whatever the test runner's environment says.
        var bdash = new Bdash(_data.Path) { Environment = { ["SUDO_USER"] = "" } };
        await bdash.AddFakeXtraBackupServerAsync("cron", _datadir.Path);
        var refused = await bdash.RunAsync("backup", "nosuch", "--full");
        _ = await bdash.RunAsync("server", "list");

        var entries = (await bdash.JsonAsync("audit")).EnumerateArray().ToList();

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(["bdash backup nosuch --full", $"bdash server add cron --socket /nonexistent.sock --user bk --datadir {_datadir.Path} --tool xtrabackup --tool-path {FakeXtraBackup.Path}"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["exit 2", "exit 0"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.All(entries, e => Assert.Equal(("cli", "local", Environment.UserName), (e.GetProperty("via").GetString(), e.GetProperty("address").GetString(), e.GetProperty("who").GetString())));
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
