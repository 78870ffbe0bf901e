using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>Real mariabackup runs against a throwaway server, and the quiescing they need.</summary>
internal static class MariaBackupRun
{
    public static async Task BackupAsync(ThrowawayMariaDb db, string target, string? incrementalBase = null)
    {
        List<string> args = ["--backup", $"--target-dir={target}", "--user=root", $"--socket={db.SocketPath}"];
        if (incrementalBase is not null)
        {
            args.Add($"--incremental-basedir={incrementalBase}");
        }

        var result = await CommandResult.RunAsync(RequiredTool.MariaBackup, args, CancellationToken.None);
        Assert.True(result.Succeeded, $"mariabackup failed (exit {result.ExitCode}):\n{result.Tail(15)}");
    }

    /// <summary>A table t.a of 20,000 rows (about 100 pages), quiesced, then a full backup of it into <paramref name="target"/>.</summary>
    public static async Task FullOfOneTableAsync(ThrowawayMariaDb db, string target)
    {
        await db.ExecuteAsync("CREATE DATABASE t");
        await db.ExecuteAsync("CREATE TABLE t.a (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(200)) ENGINE=InnoDB");
        await db.ExecuteAsync("INSERT INTO t.a (v) SELECT REPEAT(MD5(seq), 4) FROM t.seq_1_to_20000");
        await QuiesceAsync(db);
        await BackupAsync(db, target);
    }

    /// <summary>
    /// Flushes every dirty page and waits until nothing changes any more: no dirty page and the LSN
    /// still for a second (every page change writes redo, so purge or statistics working in the
    /// background would move it). docs/formats/delta-and-meta.md: scan = delta on a quiesced server.
    /// </summary>
    public static async Task QuiesceAsync(ThrowawayMariaDb db)
    {
        await db.ExecuteAsync("SET GLOBAL innodb_max_dirty_pages_pct_lwm=0");
        await db.ExecuteAsync("SET GLOBAL innodb_max_dirty_pages_pct=0");
        async Task<(string? Dirty, string? Lsn)> ReadAsync() => (
            await db.ScalarAsync("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='INNODB_BUFFER_POOL_PAGES_DIRTY'"),
            await db.ScalarAsync("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='INNODB_LSN_CURRENT'"));
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            var before = await ReadAsync();
            if (before.Dirty == "0")
            {
                await Task.Delay(1000);
                var after = await ReadAsync();
                if (after.Dirty == "0" && after.Lsn == before.Lsn)
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail("The server did not come to rest (dirty pages or a moving LSN) within 40 s.");
    }
}
