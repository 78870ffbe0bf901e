using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>scan, inspect and verify against a real server and real mariabackup runs.</summary>
public class InnoDbVerbsTests
{
    [Fact]
    public async Task Scan_predicts_the_next_incremental_and_verify_passes_both_backups_and_names_a_flipped_page()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var backups = new TempFolder("bdash-bk-");
        var full = backups.Combine("full");
        await MariaBackupRun.FullOfOneTableAsync(db, full);

        var inspectFull = await CliRun.RunAsync("inspect", full, "--json");
        Assert.Equal(0, inspectFull.ExitCode);
        Assert.Equal("full-backuped", inspectFull.Json.GetProperty("backup_type").GetString());
        Assert.Equal("mariabackup", inspectFull.Json.GetProperty("tool_name").GetString());
        var toLsn = inspectFull.Json.GetProperty("to_lsn").GetUInt64();

        await db.ExecuteAsync("UPDATE t.a SET v = 'changed' WHERE id % 500 = 0");
        await db.ExecuteAsync("INSERT INTO t.a (v) SELECT 'new' FROM t.seq_1_to_300");
        await MariaBackupRun.QuiesceAsync(db);
        var scan = await CliRun.RunAsync("scan", db.DataDir, "--since-lsn", toLsn.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal(0, scan.ExitCode);
        var predicted = scan.Json.GetProperty("pages_changed").GetInt64();
        Assert.DoesNotContain(scan.Json.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString()!.StartsWith("ib_logfile", StringComparison.Ordinal) || f.GetProperty("path").GetString() == "ibtmp1");

        var inc = backups.Combine("inc");
        await MariaBackupRun.BackupAsync(db, inc, full);
        var inspectInc = await CliRun.RunAsync("inspect", inc, "--json");
        Assert.Equal("incremental", inspectInc.Json.GetProperty("backup_type").GetString());
        Assert.Equal(toLsn, inspectInc.Json.GetProperty("from_lsn").GetUInt64());
        var deltaPages = inspectInc.Json.GetProperty("delta_pages").GetInt64();
        var deltaBytesAsPages = Directory.GetFiles(inc, "*.delta", SearchOption.AllDirectories).Sum(p => new FileInfo(p).Length / 16384 - ClusterCount(p));
        Assert.True(predicted > 20, $"only {predicted} pages changed: the test wrote too little");
        Assert.Equal(deltaBytesAsPages, deltaPages);
        Assert.Equal(deltaPages, predicted);

        foreach (var dir in new[] { full, inc })
        {
            var verify = await CliRun.RunAsync("verify", dir, "--json");
            Assert.True(verify.ExitCode == 0, verify.Output);
            Assert.Empty(verify.Json.GetProperty("bad_pages").EnumerateArray());
            Assert.True(verify.Json.GetProperty("pages_checked").GetInt64() > 0);
        }

        var copy = backups.Combine("copy");
        Directory.CreateDirectory(Path.Combine(copy, "t"));
        File.Copy(Path.Combine(full, "t", "a.ibd"), Path.Combine(copy, "t", "a.ibd"));
        await using (var stream = new FileStream(Path.Combine(copy, "t", "a.ibd"), FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = (5 * 16384) + 1234;
            var b = stream.ReadByte();
            stream.Position--;
            stream.WriteByte((byte)(b ^ 0x08));
        }

        var broken = await CliRun.RunAsync("verify", copy, "--json");
        Assert.NotEqual(0, broken.ExitCode);
        var bad = Assert.Single(broken.Json.GetProperty("bad_pages").EnumerateArray());
        Assert.Equal(Path.Combine("t", "a.ibd"), bad.GetProperty("path").GetString());
        Assert.Equal(5, bad.GetProperty("page_no").GetInt64());
        var table = await CliRun.RunAsync("verify", copy);
        Assert.Contains("t/a.ibd", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gives_one_line_naming_the_file_and_exit_code_2()
    {
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(folder.Combine("xtrabackup_checkpoints"), [0x00, 0xFF, 0x13, 0x37]);

        var run = await CliRun.RunAsync("inspect", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(folder.Combine("xtrabackup_checkpoints"), run.Error, StringComparison.Ordinal);
        Assert.Contains("offset", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Each 16 KiB delta has one header page per 4095 pages (the last header possibly with fewer).</summary>
    private static long ClusterCount(string path)
    {
        var pagesAndHeaders = new FileInfo(path).Length / 16384;
        return (pagesAndHeaders + 4095) / 4096;
    }
}
