using System.Globalization;
using System.Text.Json;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace BackupDashboard.Cli.Tests;

/// <summary>Restores through bdash, proven by starting a server on the result.</summary>
public class RestoreTests : IClassFixture<BackupServer>
{
    private readonly BackupServer _server;

    public RestoreTests(BackupServer server) => _server = server;

    [Fact]
    public async Task A_chain_taken_under_writes_restores_with_identical_checksums_twice_and_stays_restorable()
    {
        await _server.RegisterAsync("r1");
        var bdash = _server.Bdash();
        await using (var load = new WriteLoad(_server.Db))
        {
            await bdash.JsonAsync("backup", "r1", "--full");
            await bdash.JsonAsync("backup", "r1", "--incremental");
        }

        var expected = await ChecksumsAsync(_server.Db.Server.ConnectionString());
        var last = await bdash.JsonAsync("backup", "r1", "--incremental");
        using var scratch = new TempFolder("bdash-rs-");

        foreach (var attempt in new[] { "first", "second" })
        {
            var target = scratch.Combine(attempt);
            var restored = await bdash.JsonAsync("restore", last.GetProperty("id").GetString()!, "--datadir", target, "--verify");

            Assert.True(restored.GetProperty("succeeded").GetBoolean(), restored.GetProperty("problem").ToString());
            Assert.True(restored.GetProperty("tables_checked").GetInt32() >= 1);
            Assert.Equal(expected, await ChecksumsOfRestoredAsync(target));
        }

        Assert.NotEmpty(Directory.EnumerateFiles(last.GetProperty("path").GetString()!, "*.delta", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Restoring_the_full_or_the_middle_incremental_gives_the_data_of_that_moment()
    {
        await _server.RegisterAsync("r2");
        var bdash = _server.Bdash();
        var full = await bdash.JsonAsync("backup", "r2", "--full");
        await _server.Db.ExecuteAsync("CREATE TABLE IF NOT EXISTS shop.markers (name VARCHAR(10) PRIMARY KEY) ENGINE=InnoDB");
        await _server.Db.ExecuteAsync("INSERT INTO shop.markers VALUES ('A')");
        var middle = await bdash.JsonAsync("backup", "r2", "--incremental");
        await _server.Db.ExecuteAsync("INSERT INTO shop.markers VALUES ('B')");
        await bdash.JsonAsync("backup", "r2", "--incremental");
        using var scratch = new TempFolder("bdash-rs-");

        var toFull = await bdash.JsonAsync("restore", full.GetProperty("id").GetString()!, "--datadir", scratch.Combine("full"));
        var toMiddle = await bdash.JsonAsync("restore", middle.GetProperty("id").GetString()!, "--datadir", scratch.Combine("middle"));

        Assert.True(toFull.GetProperty("succeeded").GetBoolean() && toMiddle.GetProperty("succeeded").GetBoolean());
        Assert.Equal("no markers table", await MarkersAsync(scratch.Combine("full")));
        Assert.Equal("A", await MarkersAsync(scratch.Combine("middle")));
    }

    [Fact]
    public async Task A_kept_chain_is_renamed_into_an_empty_datadir_with_what_copy_back_leaves_and_the_plan_for_a_live_datadir_warns()
    {
        await _server.RegisterAsync("r6");
        var bdash = _server.Bdash();
        await bdash.JsonAsync("backup", "r6", "--full");
        await _server.Db.ExecuteAsync("CREATE TABLE IF NOT EXISTS shop.markers6 (name VARCHAR(10) PRIMARY KEY) ENGINE=InnoDB");
        await _server.Db.ExecuteAsync("INSERT INTO shop.markers6 VALUES ('renamed')");
        var inc = await bdash.JsonAsync("backup", "r6", "--incremental");
        var id = inc.GetProperty("id").GetString()!;
        var incDir = inc.GetProperty("path").GetString()!;
        var serverFolder = Path.GetDirectoryName(Path.GetDirectoryName(incDir))!; // <repository>/<server>/<id>/target
        var stored = StoredFiles(serverFolder);
        using var scratch = new TempFolder("bdash-rs-");
        var target = scratch.Combine("empty");
        Directory.CreateDirectory(target);

        var livePlan = await bdash.JsonAsync("restore", id, "--plan", "--datadir", _server.Db.DataDir);
        var plan = await bdash.JsonAsync("restore", id, "--plan", "--datadir", target);
        var restored = await bdash.JsonAsync("restore", id, "--datadir", target);

        Assert.Contains(livePlan.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("running", StringComparison.Ordinal));
        Assert.Empty(plan.GetProperty("warnings").EnumerateArray());
        Assert.Equal(["copy", "copy", "prepare", "prepare", "rename", "chown"], plan.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.True(restored.GetProperty("succeeded").GetBoolean(), restored.GetProperty("problem").ToString());
        // What mariabackup 10.11's --copy-back leaves out (backup_copy.cc) is gone; what it copies is there.
        Assert.False(File.Exists(Path.Combine(target, "xtrabackup_checkpoints")));
        Assert.False(File.Exists(Path.Combine(target, "backup-my.cnf")));
        Assert.True(File.Exists(Path.Combine(target, "xtrabackup_info")));
        Assert.False(Directory.Exists(target + ".restore-work"), "the rest of the working copy is deleted");
        Assert.NotEmpty(Directory.EnumerateFiles(inc.GetProperty("path").GetString()!, "*.delta", SearchOption.AllDirectories));
        Assert.Equal("renamed", await MarkersAsync(target, "markers6"));
        // The working copy was sparse (cp --sparse=always); the zero blocks it left out were
        // allocated before the rename, so no restored file is sparse where the stored one was not.
        Assert.Contains("--sparse=always", plan.GetProperty("steps")[0].GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("allocated the holes of", await File.ReadAllTextAsync(restored.GetProperty("steps")[4].GetProperty("log").GetString()!), StringComparison.Ordinal);
        var sparse = await CommandResult.RunAsync("find", [target, "-type", "f", "-printf", "%S %p\\n"], CancellationToken.None);
        Assert.DoesNotContain(sparse.StandardOutput.Split('\n'), line => line.StartsWith('0'));
        // The incremental's .delta files were hard links in the working copy; the table created
        // after the full came as a whole file (.new), which prepare renames and writes: copied.
        Assert.Equal("sh", plan.GetProperty("steps")[1].GetProperty("argv")[0].GetString());
        Assert.Contains(Directory.EnumerateFiles(incDir, "*.new", SearchOption.AllDirectories), f => f.EndsWith("markers6.new", StringComparison.Ordinal));
        Assert.Equal(stored, StoredFiles(serverFolder));
    }

    [Fact]
    public async Task After_an_in_place_restore_of_the_newest_point_the_full_is_not_restored_with_the_later_data()
    {
        await _server.RegisterAsync("r5");
        var bdash = _server.Bdash();
        var full = await bdash.JsonAsync("backup", "r5", "--full");
        await _server.Db.ExecuteAsync("CREATE TABLE IF NOT EXISTS shop.markers5 (name VARCHAR(10) PRIMARY KEY) ENGINE=InnoDB");
        await _server.Db.ExecuteAsync("INSERT INTO shop.markers5 VALUES ('inc1')");
        await bdash.JsonAsync("backup", "r5", "--incremental");
        await _server.Db.ExecuteAsync("INSERT INTO shop.markers5 VALUES ('inc2')");
        var newest = await bdash.JsonAsync("backup", "r5", "--incremental");
        using var scratch = new TempFolder("bdash-rs-");

        var inPlace = await bdash.JsonAsync("restore", newest.GetProperty("id").GetString()!, "--datadir", scratch.Combine("newest"), "--in-place");
        var earlier = await bdash.RunAsync("restore", full.GetProperty("id").GetString()!, "--datadir", scratch.Combine("full"), "--json");

        Assert.True(inPlace.GetProperty("succeeded").GetBoolean(), inPlace.GetProperty("problem").ToString());
        Assert.Equal(2, earlier.ExitCode);
        var fullId = full.GetProperty("id").GetString()!;
        Assert.Contains($"{fullId} was consumed: prepared in place on ", earlier.Error, StringComparison.Ordinal);
        Assert.Contains($"by the restore of {newest.GetProperty("id").GetString()} into {scratch.Combine("newest")}", earlier.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Combine("full")), "refused before anything is written");
        // The chain view says so too, from the catalog and from the files: no point of it is a restore point.
        var chain = (await bdash.JsonAsync("chain", "r5")).GetProperty("chains")[0];
        Assert.False(chain.GetProperty("valid").GetBoolean());
        Assert.StartsWith($"{fullId} was consumed", chain.GetProperty("not_restore_points").GetProperty(fullId).GetString(), StringComparison.Ordinal);
        Assert.Equal(3, chain.GetProperty("not_restore_points").EnumerateObject().Count());
        Assert.Equal(0, (await bdash.RunAsync("catalog", "rebuild")).ExitCode);
        var rebuilt = (await bdash.JsonAsync("chain", "r5")).GetProperty("chains")[0];
        Assert.StartsWith($"{fullId} was consumed", rebuilt.GetProperty("not_restore_points").GetProperty(fullId).GetString(), StringComparison.Ordinal);
        // Nor is any of it a base: the tool would read the consumed full's checkpoints.
        var next = await bdash.RunAsync("backup", "r5", "--incremental", "--base", fullId);
        Assert.Equal(2, next.ExitCode);
        Assert.Contains($"Backup {fullId} cannot be a base: {fullId} was consumed", next.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_empty_datadir_or_one_a_running_server_uses_is_refused_before_anything_is_written()
    {
        await _server.RegisterAsync("r3");
        var bdash = _server.Bdash();
        var full = await bdash.JsonAsync("backup", "r3", "--full");
        using var scratch = new TempFolder("bdash-rs-");
        var occupied = scratch.Combine("occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "keep.me"), "precious");

        var intoOccupied = await bdash.RunAsync("restore", full.GetProperty("id").GetString()!, "--datadir", occupied);
        var intoLive = await bdash.RunAsync("restore", full.GetProperty("id").GetString()!, "--datadir", _server.Db.DataDir);

        Assert.Equal(2, intoOccupied.ExitCode);
        Assert.Contains("is not empty", intoOccupied.Error, StringComparison.Ordinal);
        Assert.Equal(["keep.me"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));
        Assert.Equal("precious", await File.ReadAllTextAsync(Path.Combine(occupied, "keep.me")));
        Assert.False(Directory.Exists(occupied + ".restore-work"));
        Assert.Equal(2, intoLive.ExitCode);
        Assert.Contains("running", intoLive.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_whose_checkpoints_were_edited_on_disk_is_flagged_in_the_chain_view_and_refused_before_anything_is_copied()
    {
        await _server.RegisterAsync("r4");
        var bdash = _server.Bdash();
        await bdash.JsonAsync("backup", "r4", "--full");
        await _server.Db.ExecuteAsync("INSERT INTO shop.orders (note, amount) SELECT 'edit', seq FROM shop.seq_1_to_2000");
        var inc = await bdash.JsonAsync("backup", "r4", "--incremental");
        var incId = inc.GetProperty("id").GetString()!;
        var checkpoints = Path.Combine(inc.GetProperty("path").GetString()!, "xtrabackup_checkpoints");
        var from = inc.GetProperty("from_lsn").GetUInt64();
        await File.WriteAllTextAsync(checkpoints, (await File.ReadAllTextAsync(checkpoints))
            .Replace($"from_lsn = {from}", $"from_lsn = {from + 1000}", StringComparison.Ordinal));
        using var scratch = new TempFolder("bdash-rs-");

        var chain = (await bdash.JsonAsync("chain", "r4")).GetProperty("chains")[0];
        var run = await bdash.RunAsync("restore", incId, "--datadir", scratch.Combine("edited"), "--json");

        Assert.False(chain.GetProperty("valid").GetBoolean());
        Assert.Contains($"{incId}: its checkpoints file says from_lsn {from + 1000}", chain.GetProperty("not_restore_points").GetProperty(incId).GetString(), StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the file was changed after the backup", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Combine("edited")), "refused before anything is written");
        Assert.False(Directory.Exists(scratch.Combine("edited.restore-work")), "refused before anything is written");
    }

    private static async Task<string> ChecksumsOfRestoredAsync(string dataDir)
    {
        using var folder = new TempFolder("bdash-rsv-");
        await using var server = await LocalMariaDbServer.StartAsync(new LocalServerLayout(folder.Path, dataDir), NullLogger.Instance, CancellationToken.None);
        return await ChecksumsAsync(server.ConnectionString());
    }

    /// <summary>CHECKSUM TABLE … EXTENDED of every table of the shop schema, as one comparable line.</summary>
    private static async Task<string> ChecksumsAsync(string connectionString)
    {
        await using var connection = await ServerConnection.OpenAsync(connectionString, CancellationToken.None);
        var tables = new List<string>();
        using (var list = new MySqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var sums = new List<string>();
        foreach (var table in tables)
        {
            using var checksum = new MySqlCommand($"CHECKSUM TABLE shop.`{table}` EXTENDED", connection);
            await using var reader = await checksum.ExecuteReaderAsync();
            await reader.ReadAsync();
            sums.Add($"{table}={Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)}");
        }

        return string.Join(' ', sums);
    }

    private static async Task<string> MarkersAsync(string dataDir, string table = "markers")
    {
        using var folder = new TempFolder("bdash-rsv-");
        await using var server = await LocalMariaDbServer.StartAsync(new LocalServerLayout(folder.Path, dataDir), NullLogger.Instance, CancellationToken.None);
        await using var connection = await ServerConnection.OpenAsync(server.ConnectionString(), CancellationToken.None);
        if (await ServerConnection.ScalarAsync(connection, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'shop' AND table_name = '{table}'", CancellationToken.None) == "0")
        {
            return "no markers table";
        }

        return await ServerConnection.ScalarAsync(connection, $"SELECT GROUP_CONCAT(name ORDER BY name) FROM shop.{table}", CancellationToken.None) ?? "";
    }

    /// <summary>Every file of the server's stored backups with its size, mtime and SHA-256.</summary>
    private static string StoredFiles(string serverFolder)
    {
        var files = Directory.EnumerateFiles(serverFolder, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith(".delta", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("ibdata1", StringComparison.Ordinal));
        return string.Join('\n', files
            .Where(f => !f.EndsWith("manifest.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
    }
}
