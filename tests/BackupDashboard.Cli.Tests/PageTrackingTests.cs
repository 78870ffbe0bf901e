using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// MySQL page tracking end to end, against the doubles (docs/tool-adapters.md, "Page tracking"):
/// <see cref="PageTrackingServer"/> (a MariaDB answering the mysqlbackup component's SQL through a
/// rewriting proxy) and tests/fakes/xtrabackup. Each step shows in bdash server test --json.
/// </summary>
public sealed class PageTrackingTests : IClassFixture<PageTrackingServer>, IDisposable
{
    private readonly PageTrackingServer _server;
    private readonly TempFolder _folder = new("bdash-pt-");
    private readonly Bdash _bdash;

    public PageTrackingTests(PageTrackingServer server)
    {
        _server = server;
        _bdash = new Bdash(_folder.Combine("data"));
        _bdash.Environment["FAKE_XTRABACKUP_MYSQL"] = RequiredTool.MariaDbClient;
    }

    [Fact]
    public async Task Install_start_full_incremental_purge_then_the_forced_full()
    {
        await RegisterAsync("pt");
        await _server.Db.ExecuteAsync("CREATE DATABASE IF NOT EXISTS shop");
        await _server.Db.ExecuteAsync("CREATE TABLE IF NOT EXISTS shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(200)) ENGINE=InnoDB");

        var tracking = await TrackingOfTestAsync("pt");
        Assert.True(tracking.GetProperty("applicable").GetBoolean());
        Assert.False(tracking.GetProperty("installed").GetBoolean());
        var early = await _bdash.RunAsync("server", "tracking", "pt", "start");
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("install it first", early.Error, StringComparison.Ordinal);

        var installed = await _bdash.JsonAsync("server", "tracking", "pt", "install");
        Assert.True(installed.GetProperty("status").GetProperty("installed").GetBoolean());
        Assert.Equal("1", await _server.Db.ScalarAsync("SELECT COUNT(1) FROM mysql.component WHERE component_urn = 'file://component_mysqlbackup'"));
        Assert.False((await TrackingOfTestAsync("pt")).GetProperty("tracking").GetBoolean());

        var started = await _bdash.JsonAsync("server", "tracking", "pt", "start");
        var startLsn = started.GetProperty("status").GetProperty("start_lsn").GetUInt64();
        Assert.Equal((true, startLsn), await _server.StateAsync());
        Assert.Equal(startLsn, (await TrackingOfTestAsync("pt")).GetProperty("start_lsn").GetUInt64());

        // Tracking started well ahead of the first full: the checkpoint has passed its start, no wait.
        await _server.Db.CheckpointAsync();
        var full = await _bdash.JsonAsync("backup", "pt", "--full");
        Assert.Equal("succeeded", full.GetProperty("status").GetString());
        Assert.Contains("--page-tracking", Strings(full.GetProperty("command_line")));
        Assert.Equal(JsonValueKind.Null, full.GetProperty("notes").ValueKind);
        Assert.Contains("pagetracking: Checkpoint lsn is", ToolLog(full), StringComparison.Ordinal);

        await _server.Db.ExecuteAsync("INSERT INTO shop.orders (note) SELECT CONCAT('order ', seq) FROM shop.seq_1_to_2000");
        tracking = await TrackingOfTestAsync("pt");
        Assert.Equal(full.GetProperty("id").GetString(), tracking.GetProperty("base_id").GetString());
        Assert.True(tracking.GetProperty("changed_pages").GetInt64() > 0, tracking.ToString());
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("full_backup_needed").ValueKind);

        // Not asked for: the server's component makes bdash pass --page-tracking, and the operator is warned before the run all the same.
        var run = await _bdash.RunAsync("backup", "pt", "--incremental", "--json");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var incremental = run.Json;
        Assert.Contains("warning: Page tracking: an index built in place with an exclusive lock", run.Error, StringComparison.Ordinal);
        Assert.Contains("take a full backup", incremental.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", incremental.GetProperty("status").GetString());
        Assert.Contains("--page-tracking", Strings(incremental.GetProperty("command_line")));
        Assert.Equal(full.GetProperty("to_lsn").GetUInt64(), incremental.GetProperty("from_lsn").GetUInt64());
        Assert.Matches(@"pagetracking: Total pages modified: [1-9]\d* Duplicate: 0", ToolLog(incremental));

        // A purge past the newest backup's to_lsn: the next backup must be a full, said and enforced.
        await _server.Db.ExecuteAsync("INSERT INTO shop.orders (note) VALUES ('after the incremental')");
        var purged = await _bdash.JsonAsync("server", "tracking", "pt", "purge");
        Assert.True(purged.GetProperty("status").GetProperty("start_lsn").GetUInt64() > incremental.GetProperty("to_lsn").GetUInt64());
        tracking = await TrackingOfTestAsync("pt");
        Assert.Contains("must be a full", tracking.GetProperty("full_backup_needed").GetString(), StringComparison.Ordinal);
        var backupsBefore = (await _bdash.JsonAsync("backups", "pt")).GetArrayLength();
        var refused = await _bdash.RunAsync("backup", "pt", "--incremental");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("take a full backup", refused.Error, StringComparison.Ordinal);
        Assert.Equal(backupsBefore, (await _bdash.JsonAsync("backups", "pt")).GetArrayLength());

        // The forced full, with the checkpoint behind tracking's start: the tool's wait is in the outcome.
        _bdash.Environment["FAKE_XTRABACKUP_CHECKPOINT_BEHIND"] = "1";
        var forced = await _bdash.JsonAsync("backup", "pt", "--full");
        Assert.Equal("succeeded", forced.GetProperty("status").GetString());
        Assert.Contains(Strings(forced.GetProperty("notes")), n => n.Contains("pagetracking: Sleeping for 1 second, waiting for checkpoint lsn 1", StringComparison.Ordinal));
        tracking = await TrackingOfTestAsync("pt");
        Assert.Equal(forced.GetProperty("id").GetString(), tracking.GetProperty("base_id").GetString());
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("full_backup_needed").ValueKind);
    }

    [Fact]
    public async Task Stopped_tracking_refuses_an_incremental_and_the_full_starts_it_again()
    {
        await RegisterAsync("stopped");
        await _bdash.RunAsync("server", "tracking", "stopped", "install");
        var full = await _bdash.JsonAsync("backup", "stopped", "--full");
        Assert.Equal("succeeded", full.GetProperty("status").GetString());

        var stopped = await _bdash.JsonAsync("server", "tracking", "stopped", "stop");
        Assert.False(stopped.GetProperty("status").GetProperty("tracking").GetBoolean());
        Assert.Contains("not running", stopped.GetProperty("status").GetProperty("full_backup_needed").GetString(), StringComparison.Ordinal);
        var refused = await _bdash.RunAsync("backup", "stopped", "--incremental");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Page tracking is not running", refused.Error, StringComparison.Ordinal);

        var again = await _bdash.JsonAsync("backup", "stopped", "--full");
        Assert.Contains(Strings(again.GetProperty("notes")), n => n.StartsWith("Started page tracking at LSN", StringComparison.Ordinal));
        Assert.True((await _server.StateAsync()).Active);
    }

    [Theory]
    [InlineData(new[] { "bogus" }, "ACTION is one of")]
    [InlineData(new[] { "start", "--up-to", "5" }, "--up-to goes with purge")]
    [InlineData(new[] { "purge", "--up-to", "0" }, "--up-to goes with purge")]
    public async Task A_bad_tracking_argument_is_exit_2_naming_it(string[] args, string said)
    {
        await RegisterAsync("args");

        var run = await _bdash.RunAsync(["server", "tracking", "args", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(said, run.Error, StringComparison.Ordinal);
    }

    private async Task RegisterAsync(string name)
    {
        var passwordFile = _folder.Combine("password");
        await File.WriteAllTextAsync(passwordFile, PageTrackingServer.Password + "\n");
        var run = await _bdash.RunAsync("server", "add", name, "--host", PageTrackingServer.Host, "--port", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", PageTrackingServer.User, "--password-file", passwordFile, "--datadir", _server.Db.DataDir, "--tool", "xtrabackup", "--tool-path", FakeXtraBackup.Path);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    private async Task<JsonElement> TrackingOfTestAsync(string name)
    {
        var report = await _bdash.JsonAsync("server", "test", name);
        Assert.Equal(PageTrackingServer.Version, report.GetProperty("version").GetString());
        return report.GetProperty("page_tracking");
    }

    private static string ToolLog(JsonElement backup) =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(backup.GetProperty("path").GetString()!)!, "tool.log"));

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    public void Dispose() => _folder.Dispose();
}
