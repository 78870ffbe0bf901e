using System.Globalization;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash scan on a real datadir with a MyRocks table: the MyRocks files are listed as copied whole
/// and added to what the next incremental would copy (docs/overview.md, docs/tool-adapters.md "MyRocks").
/// </summary>
public sealed class MyRocksScanTests
{
    [Fact]
    public async Task Scan_lists_the_MyRocks_files_as_whole_files_and_adds_their_bytes()
    {
        _ = RequiredTool.MyRocksPlugin;
        await using var db = await ThrowawayMariaDb.StartAsync(RequiredTool.MyRocksOption);
        await db.ExecuteAsync("CREATE DATABASE r");
        await db.ExecuteAsync("CREATE TABLE r.e (id INT PRIMARY KEY, body VARCHAR(200)) ENGINE=ROCKSDB");
        await db.ExecuteAsync("INSERT INTO r.e SELECT seq, SHA2(seq, 512) FROM r.seq_1_to_5000");
        await db.ExecuteAsync("SET GLOBAL rocksdb_force_flush_memtable_now = 1");
        var lsn = await db.ScalarAsync("SELECT variable_value FROM information_schema.global_status WHERE variable_name = 'INNODB_LSN_CURRENT'");

        var json = await CliRun.RunAsync("scan", db.DataDir, "--since-lsn", lsn!, "--json");
        var text = await CliRun.RunAsync("scan", db.DataDir, "--since-lsn", lsn!);

        Assert.True(json.ExitCode == 0, json.Output + json.Error);
        var myRocks = json.Json.GetProperty("myrocks_bytes").GetInt64();
        Assert.True(myRocks > 300_000, $"{myRocks} bytes of MyRocks files");
        Assert.Equal(json.Json.GetProperty("bytes_changed").GetInt64() + myRocks, json.Json.GetProperty("bytes_to_copy").GetInt64());
        Assert.Contains(json.Json.GetProperty("myrocks_files").EnumerateArray(), f => f.GetProperty("path").GetString()!.EndsWith(".sst", StringComparison.Ordinal));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("whole file", text.Output, StringComparison.Ordinal);
        Assert.Contains($"MyRocks: ", text.Output, StringComparison.Ordinal);
        Assert.Contains(myRocks.ToString("N0", CultureInfo.InvariantCulture) + " bytes, copied whole by every backup", text.Output, StringComparison.Ordinal);
    }
}
