using System.Text;
using System.Text.Json;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Cli.Tests;

/// <summary>Full and incrementals through bdash against a throwaway MariaDB under writes.</summary>
public class BackupChainTests : IClassFixture<BackupServer>
{
    private readonly BackupServer _server;

    public BackupChainTests(BackupServer server) => _server = server;

    [Fact]
    public async Task A_full_and_two_incrementals_taken_under_writes_form_one_valid_chain_and_the_password_never_shows()
    {
        await _server.RegisterAsync("db");
        var bdash = _server.Bdash();
        JsonElement full, inc1, inc2;
        IReadOnlyList<string> leaks;
        await using (var watch = new CommandLineWatch(BackupServer.Password))
        await using (var load = new WriteLoad(_server.Db))
        {
            full = await bdash.JsonAsync("backup", "db", "--full");
            inc1 = await bdash.JsonAsync("backup", "db", "--incremental");
            inc2 = await bdash.JsonAsync("backup", "db", "--incremental", "--parallel", "2");
            Assert.True(load.Writes > 0, "writes must run during the backups");
            leaks = await watch.StopAsync();
            Assert.True(watch.Seen > 100, "the command-line watch must have looked");
        }

        Assert.Empty(leaks);
        Assert.Equal(("full", "succeeded", 0ul), (full.GetProperty("type").GetString(), full.GetProperty("status").GetString(), full.GetProperty("from_lsn").GetUInt64()));
        Assert.Equal(JsonValueKind.Null, full.GetProperty("parent_id").ValueKind);
        AssertLink(full, inc1);
        AssertLink(inc1, inc2);
        foreach (var backup in new[] { full, inc1, inc2 })
        {
            var checkpoints = CheckpointsFile.Read(Path.Combine(backup.GetProperty("path").GetString()!, "xtrabackup_checkpoints"));
            Assert.Equal(checkpoints.ToLsn, backup.GetProperty("to_lsn").GetUInt64());
            Assert.Equal(checkpoints.LastLsn, backup.GetProperty("last_lsn").GetUInt64());
            Assert.False(File.Exists(Path.Combine(backup.GetProperty("path").GetString()!, "manifest.json")), "the manifest must sit beside the target, not in it");
        }

        var chains = (await bdash.JsonAsync("chain", "db")).GetProperty("chains");
        var chain = Assert.Single(chains.EnumerateArray());
        Assert.True(chain.GetProperty("valid").GetBoolean(), chain.GetProperty("reasons").ToString());
        Assert.Equal([full.GetProperty("id").GetString(), inc1.GetProperty("id").GetString(), inc2.GetProperty("id").GetString()],
            chain.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("id").GetString()));

        AssertNoPlainPasswordUnder(_server.DataDir);
        var rebuilt = await bdash.RunAsync("catalog", "rebuild");
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Equal(chains.ToString(), (await bdash.JsonAsync("chain", "db")).GetProperty("chains").ToString());
    }

    [Fact]
    public async Task An_incremental_from_an_lsn_copies_everything_newer_and_links_to_the_backup_ending_there()
    {
        await _server.RegisterAsync("bylsn");
        var bdash = _server.Bdash();
        var full = await bdash.JsonAsync("backup", "bylsn", "--full");
        await _server.Db.ExecuteAsync("INSERT INTO shop.orders (note, amount) SELECT 'after full', seq FROM shop.seq_1_to_3000");
        var toLsn = full.GetProperty("to_lsn").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var cumulative = await bdash.JsonAsync("backup", "bylsn", "--incremental", "--incremental-lsn", toLsn);

        AssertLink(full, cumulative);
        var chain = Assert.Single((await bdash.JsonAsync("chain", "bylsn")).GetProperty("chains").EnumerateArray());
        Assert.True(chain.GetProperty("valid").GetBoolean(), chain.GetProperty("reasons").ToString());
    }

    private static void AssertLink(JsonElement parent, JsonElement child)
    {
        Assert.Equal("incremental", child.GetProperty("type").GetString());
        Assert.Equal("succeeded", child.GetProperty("status").GetString());
        Assert.Equal(parent.GetProperty("id").GetString(), child.GetProperty("parent_id").GetString());
        Assert.Equal(parent.GetProperty("to_lsn").GetUInt64(), child.GetProperty("from_lsn").GetUInt64());
        // to_lsn is the checkpoint, which need not move between two backups; the copied redo
        // (last_lsn) must, since writes ran.
        Assert.True(child.GetProperty("to_lsn").GetUInt64() >= parent.GetProperty("to_lsn").GetUInt64());
        Assert.True(child.GetProperty("last_lsn").GetUInt64() > parent.GetProperty("last_lsn").GetUInt64(), "writes ran, so the copied redo must end later");
    }

    /// <summary>Every file of the data folder (catalog, manifests, tool logs, keys), read as bytes.</summary>
    internal static void AssertNoPlainPasswordUnder(string folder)
    {
        var needle = Encoding.UTF8.GetBytes(BackupServer.Password);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(file).Length < 64 << 20)
            {
                Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"{file} holds the password in plain text");
            }
        }
    }
}
