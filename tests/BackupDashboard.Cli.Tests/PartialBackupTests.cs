using System.Diagnostics;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// A partial backup of one database through bdash and the real mariabackup: marked partial with
/// its filter, never a base, and its restore plan (prepare --export, then discard, copy and
/// import per table), carried out here step by step against the running server, brings the rows back.
/// </summary>
public class PartialBackupTests : IClassFixture<BackupServer>
{
    private readonly BackupServer _server;

    public PartialBackupTests(BackupServer server) => _server = server;

    [Fact]
    public async Task A_partial_backup_of_one_database_is_marked_never_a_base_and_its_plan_brings_a_tables_rows_back()
    {
        await _server.RegisterAsync("part");
        await _server.Db.ExecuteAsync("CREATE DATABASE crm");
        await _server.Db.ExecuteAsync("CREATE TABLE crm.people (id INT PRIMARY KEY) ENGINE=InnoDB");
        var bdash = _server.Bdash();
        var taken = await _server.Db.ScalarAsync("SELECT CONCAT(COUNT(*), '/', SUM(amount), '/', BIT_XOR(CRC32(CONCAT_WS('/', id, note, amount)))) FROM shop.orders");

        var backup = await bdash.JsonAsync("backup", "part", "--full", "--databases", "shop");
        var id = backup.GetProperty("id").GetString()!;
        var target = backup.GetProperty("path").GetString()!;

        Assert.Equal(("full", "succeeded", true), (backup.GetProperty("type").GetString(), backup.GetProperty("status").GetString(), backup.GetProperty("partial").GetBoolean()));
        Assert.Equal("shop", backup.GetProperty("partial_filter").GetProperty("databases").GetString());
        Assert.Contains("--databases=shop", backup.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()));
        // A table created since the last checkpoint is copied as orders.new, which prepare renames to orders.ibd.
        Assert.Single(Directory.EnumerateFiles(Path.Combine(target, "shop"), "orders.*"), f => f.EndsWith(".ibd", StringComparison.Ordinal) || f.EndsWith(".new", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(target, "crm")), "crm was not asked for");
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(target)!, "manifest.json"))).RootElement;
        Assert.Equal("shop", manifest.GetProperty("partial_filter").GetProperty("databases").GetString());
        Assert.Contains("succeeded (partial: databases shop)", (await bdash.RunAsync("backups", "part")).Output, StringComparison.Ordinal);

        // Never a base: not chosen, and refused when named, with the tools' warning.
        var chosen = await bdash.RunAsync("backup", "part", "--incremental");
        var named = await bdash.RunAsync("backup", "part", "--incremental", "--base", id);
        Assert.Equal(2, chosen.ExitCode);
        Assert.Contains("has no good backup to base an incremental on", chosen.Error, StringComparison.Ordinal);
        Assert.Equal(2, named.ExitCode);
        Assert.Contains($"Backup {id} is a partial backup (databases shop)", named.Error, StringComparison.Ordinal);
        Assert.Contains("may be inconsistent", named.Error, StringComparison.Ordinal);
        var chain = Assert.Single((await bdash.JsonAsync("chain", "part")).GetProperty("chains").EnumerateArray());
        Assert.Contains("never a restore point of the whole server", chain.GetProperty("not_restore_points").GetProperty(id).GetString(), StringComparison.Ordinal);

        // The plan is shown; bdash does not run it, nor copy the backup back as a whole datadir.
        var owner = $"{Environment.UserName}:{await OutputOfAsync("id", "-gn")}";
        var plan = await bdash.JsonAsync("restore", id, "--plan", "--datadir", _server.Db.DataDir, "--owner", owner);
        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        Assert.True(plan.GetProperty("partial").GetBoolean());
        Assert.Equal("operator", plan.GetProperty("run_by").GetString());
        Assert.Equal(["copy", "prepare", "table-check", "discard-tablespace", "copy-table-files", "import-tablespace"], steps.Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(["--prepare", "--export"], Argv(steps[1]).Skip(1).Take(2));
        Assert.Equal("--execute=ALTER TABLE `shop`.`orders` DISCARD TABLESPACE", Argv(steps[3])[1]);
        var run = await bdash.RunAsync("restore", id, "--datadir", _server.Db.DataDir, "--owner", owner);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("those steps are run by the operator", run.Error, StringComparison.Ordinal);
        var moveBack = await bdash.RunAsync("restore", id, "--plan", "--move-back");
        Assert.Equal(2, moveBack.ExitCode);
        Assert.Contains("copying it back as a whole datadir", moveBack.Error, StringComparison.Ordinal);
        var runbook = await bdash.RunAsync("restore", id, "--runbook", "--datadir", _server.Db.DataDir, "--owner", owner);
        Assert.Equal(0, runbook.ExitCode);
        Assert.Contains("DISCARD TABLESPACE", runbook.Output, StringComparison.Ordinal);
        Assert.Contains("IMPORT TABLESPACE", runbook.Output, StringComparison.Ordinal);

        // The operator runs the runbook after rows were lost: its client steps connect as ~/.my.cnf
        // says, here by the server's socket as this OS user.
        await _server.Db.ExecuteAsync("DELETE FROM shop.orders WHERE id > 100");
        await _server.Db.ExecuteAsync("UPDATE shop.orders SET note = 'changed'");
        using var home = new TempFolder("bdash-home-");
        await File.WriteAllTextAsync(home.Combine(".my.cnf"), $"[client]\nsocket={_server.Db.SocketPath}\n");
        var script = home.Combine("partial-restore.sh");
        await File.WriteAllTextAsync(script, runbook.Output);
        await OutputOfAsync(new Dictionary<string, string> { ["HOME"] = home.Path }, "bash", script);

        Assert.Equal(taken, await _server.Db.ScalarAsync("SELECT CONCAT(COUNT(*), '/', SUM(amount), '/', BIT_XOR(CRC32(CONCAT_WS('/', id, note, amount)))) FROM shop.orders"));
        Assert.Equal("0", await _server.Db.ScalarAsync("SELECT COUNT(*) FROM crm.people"));
    }

    [Theory]
    [InlineData(new[] { "--full", "--tables", "(" }, "--tables '(' is not a regular expression")]
    [InlineData(new[] { "--full", "--databases", "" }, "--databases is empty")]
    [InlineData(new[] { "--full", "--tables-exclude", "a\nb" }, "--tables-exclude 'a\\u000ab' holds control characters")]
    [InlineData(new[] { "--incremental", "--databases", "shop" }, "say --full (an incremental after a partial backup may be inconsistent)")]
    public async Task A_bad_filter_is_refused_before_anything_runs_naming_the_option(string[] args, string expected)
    {
        var run = await _server.Bdash().RunAsync(["backup", "nosuchserver", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    private static string[] Argv(JsonElement step) => step.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();

    private static Task<string> OutputOfAsync(string program, params string[] args) => OutputOfAsync(new Dictionary<string, string>(), program, args);

    private static async Task<string> OutputOfAsync(Dictionary<string, string> environment, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return (await output).Trim();
    }
}
