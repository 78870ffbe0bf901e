using System.Diagnostics;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// Each fault is a failed run that shows the tool's own message, keeps its files for
/// inspection, and is never offered as a base.
/// </summary>
public class BackupFaultTests : IClassFixture<BackupServer>
{
    private readonly BackupServer _server;

    public BackupFaultTests(BackupServer server) => _server = server;

    [Fact]
    public async Task A_wrong_password_is_a_failed_run_with_the_servers_words_and_no_base()
    {
        var wrong = Path.Combine(_server.DataDir, "..", "wrong-password");
        await File.WriteAllTextAsync(wrong, "not-the-password\n");
        await _server.RegisterAsync("wrongpw", passwordFile: wrong);

        var run = await _server.Bdash().RunAsync("backup", "wrongpw", "--full", "--json");

        AssertFailed(run, "Access denied for user 'backup'@'localhost'");
        await AssertNoBaseAsync("wrongpw");
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_failed_run_naming_the_socket()
    {
        var socket = Path.Combine(_server.DataDir, "..", "nobody-listens.sock");
        await _server.RegisterAsync("down", socket: socket);

        var run = await _server.Bdash().RunAsync("backup", "down", "--full", "--json");

        AssertFailed(run, "Can't connect");
        await AssertNoBaseAsync("down");
    }

    [Fact]
    public async Task Missing_privileges_are_named_by_server_test_and_fail_the_backup()
    {
        await _server.Db.ExecuteAsync($"CREATE USER 'weak'@'localhost' IDENTIFIED BY 'weak-pw'");
        var password = Path.Combine(_server.DataDir, "..", "weak-password");
        await File.WriteAllTextAsync(password, "weak-pw\n");
        await _server.RegisterAsync("weak", user: "weak", passwordFile: password);

        var test = await _server.Bdash().RunAsync("server", "test", "weak", "--json");
        var run = await _server.Bdash().RunAsync("backup", "weak", "--full", "--json");

        Assert.Equal(1, test.ExitCode);
        Assert.Equal(["RELOAD", "PROCESS", "LOCK TABLES"], test.Json.GetProperty("missing_privileges").EnumerateArray().Select(p => p.GetString()));
        AssertFailed(run, "missing required privilege");
        await AssertNoBaseAsync("weak");
    }

    [Fact]
    public async Task A_backup_killed_with_sigkill_is_failed_the_next_incremental_builds_on_the_last_good_one_and_the_chain_stays_valid()
    {
        await _server.RegisterAsync("killed");
        var bdash = _server.Bdash();
        var good = await bdash.JsonAsync("backup", "killed", "--full");
        await _server.Db.ExecuteAsync("INSERT INTO shop.orders (note, amount) SELECT 'more', seq FROM shop.seq_1_to_5000");

        var (process, output, error) = bdash.Start("backup", "killed", "--incremental", "--json");
        var tool = await WaitForChildAsync(process.Id, "mariabackup");
        Assert.True(BackupDashboard.Engine.LocalServers.Signals.Send(tool, 9));
        await process.WaitForExitAsync();
        var printed = await output;
        Assert.True(printed.StartsWith('{'), $"bdash printed: {printed}{await error}");
        var killed = JsonDocument.Parse(printed).RootElement;

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("failed", killed.GetProperty("status").GetString());
        Assert.Contains("exited with code", killed.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.GetDirectoryName(killed.GetProperty("path").GetString())), "a failed run's files are kept for inspection");
        var next = await bdash.JsonAsync("backup", "killed", "--incremental");
        Assert.Equal(good.GetProperty("id").GetString(), next.GetProperty("parent_id").GetString());
        var chain = Assert.Single((await bdash.JsonAsync("chain", "killed")).GetProperty("chains").EnumerateArray());
        // The killed run keeps its place, marked failed; the good full and incremental around it
        // still make a restorable chain.
        Assert.True(chain.GetProperty("valid").GetBoolean(), chain.GetProperty("reasons").ToString());
        Assert.Equal(["succeeded", "failed", "succeeded"], chain.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("--incremental-lsn", "999999999999999", "is beyond the server's current LSN")]
    [InlineData("--parallel", "0", "parallel is 1 to 64 copy threads, not 0.")]
    public async Task An_order_that_cannot_be_right_is_refused_with_exit_2_before_anything_is_written(string option, string value, string reason)
    {
        var name = $"refused{option.Length}{value.Length}";
        await _server.RegisterAsync(name);
        var bdash = _server.Bdash();

        var run = await bdash.RunAsync("backup", name, "--incremental", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Empty((await bdash.JsonAsync("backups", name)).EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(bdash.DataDir, "backups", name)));
    }

    [Fact]
    public async Task A_full_disk_is_a_failed_run_with_no_space_left_on_device()
    {
        using var mount = await TmpfsMount.CreateAsync(sizeMegabytes: 8);
        await _server.RegisterAsync("smalldisk");

        var run = await _server.Bdash(repository: mount.Path).RunAsync("backup", "smalldisk", "--full", "--json");

        AssertFailed(run, "No space left on device");
        await AssertNoBaseAsync("smalldisk", mount.Path);
    }

    [Fact]
    public async Task Page_tracking_is_refused_for_mariabackup_before_anything_is_written()
    {
        await _server.RegisterAsync("tracking");

        var run = await _server.Bdash().RunAsync("backup", "tracking", "--full", "--page-tracking");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no page tracking", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_server.DataDir, "backups", "tracking")));
    }

    [Fact]
    public async Task Force_scan_is_refused_for_mariabackup_with_the_reason_before_anything_is_written()
    {
        await _server.RegisterAsync("scanned");
        var full = (await _server.Bdash().JsonAsync("backup", "scanned", "--full")).GetProperty("id").GetString()!;

        var run = await _server.Bdash().RunAsync("backup", "scanned", "--incremental", "--incremental-force-scan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("MariaDB does not write", run.Error, StringComparison.Ordinal);
        Assert.Equal([full], Directory.GetDirectories(Path.Combine(_server.DataDir, "backups", "scanned")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Server_test_reports_what_backups_depend_on()
    {
        await _server.RegisterAsync("tested");

        var report = (await _server.Bdash().JsonAsync("server", "test", "tested"));

        Assert.Equal(_server.Db.DataDir + "/", report.GetProperty("data_dir").GetString());
        Assert.Equal(16384, report.GetProperty("page_size").GetInt32());
        Assert.Equal("full_crc32", report.GetProperty("checksum_algorithm").GetString());
        Assert.True(report.GetProperty("current_lsn").GetUInt64() > 0);
        Assert.True(report.GetProperty("is_maria_db").GetBoolean());
        Assert.Empty(report.GetProperty("missing_privileges").EnumerateArray());
        Assert.Equal("mariabackup", report.GetProperty("tool_name").GetString());
        Assert.StartsWith("10.", report.GetProperty("tool_version").GetString(), StringComparison.Ordinal);
    }

    private static void AssertFailed(CliRun run, string toolWords)
    {
        Assert.True(run.ExitCode == 1 && run.Output.StartsWith('{'), $"exit {run.ExitCode}: {run.Output}{run.Error}");
        Assert.Equal("failed", run.Json.GetProperty("status").GetString());
        Assert.Contains(toolWords, run.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    /// <summary>An incremental after the failure is refused: the failed run is no base.</summary>
    private async Task AssertNoBaseAsync(string server, string? repository = null)
    {
        var next = await _server.Bdash(repository).RunAsync("backup", server, "--incremental");
        Assert.Equal(2, next.ExitCode);
        Assert.Contains("no good backup to base an incremental on", next.Error, StringComparison.Ordinal);
    }

    /// <summary>The pid of the backing-up tool (not its --version probe) started by <paramref name="parent"/>.</summary>
    private static async Task<int> WaitForChildAsync(int parent, string name)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var child = ProcessTable.Parents()
                .Where(p => p.Value == parent)
                .Select(p => p.Key)
                .FirstOrDefault(pid => ProcessTable.Name(pid) == name && ProcessTable.CommandLine(pid).Contains("\0--backup\0", StringComparison.Ordinal));
            if (child != 0)
            {
                return child;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"No {name} child of {parent} appeared.");
    }
}
