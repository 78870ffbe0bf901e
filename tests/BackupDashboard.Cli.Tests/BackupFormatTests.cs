using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// verify, scan and inspect on backups real mariabackup made of throwaway servers in every page
/// format the server writes (docs/formats/innodb-page.md): page sizes, checksum algorithms,
/// ROW_FORMAT=COMPRESSED, PAGE_COMPRESSED, encryption. Each good backup verifies clean, one
/// flipped byte in a user page of a .ibd or a .delta is exactly one bad page, and the scan of
/// the quiesced server predicts the incremental's pages.
/// </summary>
public class BackupFormatTests
{
    /// <summary>A 32-byte AES key for file_key_management (key id 1).</summary>
    private const string KeyLine = "1;770A8A65DA156D24EE2A093277530142A5B5D2C1E2F3A4B5C6D7E8F9A0B1C2D3";

    public static TheoryData<string> Formats =>
    [
        "page-size-4k", "page-size-8k", "page-size-32k", "page-size-64k", "crc32", "row-format-compressed",
        "page-compressed", "page-compressed-crc32", "encrypted", "encrypted-crc32",
    ];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_good_backup_verifies_clean_a_flipped_byte_is_one_bad_page_and_scan_predicts_the_incremental(string format)
    {
        using var keys = new TempFolder("bdash-keys-");
        await File.WriteAllTextAsync(keys.Combine("keys.txt"), KeyLine + "\n");
        var (serverOptions, tableOptions) = Settings(format, keys.Combine("keys.txt"));
        await using var db = await ThrowawayMariaDb.StartAsync(serverOptions);
        using var backups = new TempFolder("bdash-fmt-");
        var (full, toLsn) = await FullBackupAsync(db, backups, $"ENGINE=InnoDB {tableOptions}", 6000);

        await db.ExecuteAsync("UPDATE t.a SET v = REPEAT('changed', 20) WHERE id % 97 = 0");
        await db.ExecuteAsync("INSERT INTO t.a (v) SELECT REPEAT(MD5(seq), 3) FROM t.seq_1_to_500");
        var (scan, inc) = await ScanThenIncrementalAsync(db, backups, full, toLsn);
        var inspect = await CliRun.RunAsync("inspect", inc, "--json");

        foreach (var dir in new[] { full, inc })
        {
            var verify = await CliRun.RunAsync("verify", dir, "--json");
            Assert.True(verify.ExitCode == 0, $"{format}: {dir}: {verify.Output}{verify.Error}");
            Assert.True(verify.Json.GetProperty("pages_checked").GetInt64() > 10, verify.Output);
            Assert.Empty(verify.Json.GetProperty("not_checkable").EnumerateArray());
        }

        Assert.Equal(0, scan.ExitCode);
        Assert.True(inspect.Json.GetProperty("pages_copied").GetInt64() > 5, inspect.Output);
        Assert.Equal(inspect.Json.GetProperty("pages_copied").GetInt64(), scan.Json.GetProperty("pages_changed").GetInt64());

        if (format == "encrypted")
        {
            // full_crc32 keeps an encrypted page's key version at byte 0 (FIL_PAGE_FCRC32_KEY_VERSION):
            // file_key_management's keys have version 1. Byte 26 on is ciphertext.
            var root = new byte[38];
            await using (var file = File.OpenRead(Path.Combine(full, "t", "a.ibd")))
            {
                file.Position = 3 * 16384;
                await file.ReadExactlyAsync(root);
            }

            Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(root));
        }

        await AssertOneBadPageAsync(Path.Combine(full, "t"), "a.ibd", backups.Combine("flipped-ibd"), deltaPageSize: null);
        var meta = await File.ReadAllTextAsync(Path.Combine(inc, "t", "a.ibd.meta"));
        await AssertOneBadPageAsync(Path.Combine(inc, "t"), "a.ibd.delta", backups.Combine("flipped-delta"), PhysicalPageSize(meta));
    }

    [Fact]
    public async Task A_table_created_after_the_full_is_verified_and_counted_scan_follows_data_directory_links_and_an_empty_ibd_is_a_note()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var backups = new TempFolder("bdash-fmt-");
        using var elsewhere = new TempFolder("bdash-dd-");
        await db.ExecuteAsync("CREATE DATABASE t");
        await db.ExecuteAsync($"CREATE TABLE t.p (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB DATA DIRECTORY='{elsewhere.Path}' PARTITION BY HASH(id) PARTITIONS 2");
        await db.ExecuteAsync("INSERT INTO t.p SELECT seq, REPEAT(MD5(seq), 4) FROM t.seq_1_to_3000");
        var (full, toLsn) = await FullBackupAsync(db, backups, "ENGINE=InnoDB", 3000);

        await db.ExecuteAsync("UPDATE t.p SET v = 'changed' WHERE id % 25 = 0");
        await MariaBackupRun.QuiesceAsync(db);

        // Created after the full and not flushed (the page cleaner back to its default pace), so the
        // creation is in the redo log the incremental copies: mariabackup carries it whole, as t/later.new.
        await db.ExecuteAsync("SET GLOBAL innodb_max_dirty_pages_pct=90");
        await db.ExecuteAsync("CREATE TABLE t.later (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB");
        await db.ExecuteAsync("INSERT INTO t.later SELECT seq, REPEAT(MD5(seq), 4) FROM t.seq_1_to_2000");
        await File.WriteAllBytesAsync(Path.Combine(db.DataDir, "t", "empty.ibd"), []);
        var inc = backups.Combine("inc");
        await MariaBackupRun.BackupAsync(db, inc, full);
        var scan = await CliRun.RunAsync("scan", db.DataDir, "--since-lsn", toLsn.ToString(CultureInfo.InvariantCulture), "--json");

        Assert.True(scan.ExitCode == 0, scan.Output + scan.Error);
        Assert.Contains("t/empty.ibd: 0 bytes", scan.Error, StringComparison.Ordinal);
        var partitions = scan.Json.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("path").GetString()!.StartsWith("t/p#P#p", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, partitions.Count);
        Assert.All(partitions, p => Assert.True(p.GetProperty("pages_changed").GetInt64() > 0, p.ToString()));

        var newFile = Path.Combine(inc, "t", "later.new");
        Assert.True(File.Exists(newFile), "mariabackup carried the table created after the full as t/later.new");
        var inspect = await CliRun.RunAsync("inspect", inc, "--json");
        var pagesOfNew = new FileInfo(newFile).Length / 16384;
        Assert.Equal(pagesOfNew, inspect.Json.GetProperty("new_tablespace_pages").GetInt64());
        Assert.Equal(inspect.Json.GetProperty("delta_pages").GetInt64() + pagesOfNew, inspect.Json.GetProperty("pages_copied").GetInt64());
        var verify = await CliRun.RunAsync("verify", inc, "--json");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.True(verify.Json.GetProperty("pages_checked").GetInt64() >= pagesOfNew);
        await AssertOneBadPageAsync(Path.Combine(inc, "t"), "later.new", backups.Combine("flipped-new"), deltaPageSize: null);

        var datadirVerify = await CliRun.RunAsync("verify", Path.Combine(db.DataDir, "t"), "--json");
        Assert.Contains(datadirVerify.Json.GetProperty("notes").EnumerateArray(), n => n.GetProperty("path").GetString() == "empty.ibd");
    }

    [Fact]
    public async Task Scan_predicts_the_incremental_exactly_when_a_table_was_created_after_the_full_on_a_quiesced_server()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var backups = new TempFolder("bdash-fmt-");
        var (full, toLsn) = await FullBackupAsync(db, backups, "ENGINE=InnoDB", 3000);

        await db.ExecuteAsync("UPDATE t.a SET v = 'changed' WHERE id % 25 = 0");
        await db.ExecuteAsync("CREATE TABLE t.later (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB");
        await db.ExecuteAsync("INSERT INTO t.later SELECT seq, REPEAT(MD5(seq), 4) FROM t.seq_1_to_2000");
        var (scan, inc) = await ScanThenIncrementalAsync(db, backups, full, toLsn);

        // Flushed and checkpointed before the backup, the new table's creation is not in the redo
        // the incremental copies, so mariabackup filters its pages by LSN like any other (t/later.ibd.delta).
        Assert.True(File.Exists(Path.Combine(inc, "t", "later.ibd.delta")), string.Join(", ", Directory.GetFiles(Path.Combine(inc, "t"))));
        var later = scan.Json.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "t/later.ibd");
        Assert.True(later.GetProperty("pages_changed").GetInt64() > 0, later.ToString());
        var inspect = await CliRun.RunAsync("inspect", inc, "--json");
        Assert.Equal(inspect.Json.GetProperty("pages_copied").GetInt64(), scan.Json.GetProperty("pages_changed").GetInt64());
    }

    /// <summary>
    /// Quiesces the server, scans its datadir from the full's to_lsn, then takes the incremental
    /// the scan predicts. Background work (purge, the page cleaner) can wake after a second's rest
    /// on a loaded machine and change or free a page between the two, in either direction (seen:
    /// 77 predicted and 80 copied; 115 predicted and 114 copied, with the checkpoint unmoved). So a
    /// pair that disagrees is taken again, at most three times: a scan that miscounts for a
    /// reason of its own disagrees every time and still fails the test.
    /// </summary>
    private static async Task<(CliRun Scan, string Incremental)> ScanThenIncrementalAsync(ThrowawayMariaDb db, TempFolder backups, string full, ulong toLsn)
    {
        for (var attempt = 1; ; attempt++)
        {
            await MariaBackupRun.QuiesceAsync(db);
            var scan = await CliRun.RunAsync("scan", db.DataDir, "--since-lsn", toLsn.ToString(CultureInfo.InvariantCulture), "--json");
            var inc = backups.Combine($"inc{attempt}");
            await MariaBackupRun.BackupAsync(db, inc, full);
            var taken = (await CliRun.RunAsync("inspect", inc, "--json")).Json;
            if (attempt == 3 || taken.GetProperty("pages_copied").GetInt64() == scan.Json.GetProperty("pages_changed").GetInt64())
            {
                return (scan, inc);
            }
        }
    }

    /// <summary>Table t.a with rows in the given format, a full backup of the quiesced server, and its to_lsn.</summary>
    private static async Task<(string Full, ulong ToLsn)> FullBackupAsync(ThrowawayMariaDb db, TempFolder backups, string tableOptions, int rows)
    {
        await db.ExecuteAsync("CREATE DATABASE IF NOT EXISTS t");
        await db.ExecuteAsync($"CREATE TABLE t.a (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(200)) {tableOptions}");
        await db.ExecuteAsync($"INSERT INTO t.a (v) SELECT REPEAT(MD5(seq), 4) FROM t.seq_1_to_{rows}");
        await MariaBackupRun.QuiesceAsync(db);
        var full = backups.Combine("full");
        await MariaBackupRun.BackupAsync(db, full);
        return (full, (await CliRun.RunAsync("inspect", full, "--json")).Json.GetProperty("to_lsn").GetUInt64());
    }

    /// <summary>Server option-file lines and table options for one format.</summary>
    private static (string[] Server, string Table) Settings(string format, string keyFile)
    {
        string[] encryption = ["plugin_load_add=file_key_management", $"file_key_management_filename={keyFile}"];
        return format switch
        {
            "page-size-4k" => (["innodb_page_size=4k"], ""),
            "page-size-8k" => (["innodb_page_size=8k"], ""),
            "page-size-32k" => (["innodb_page_size=32k"], ""),
            "page-size-64k" => (["innodb_page_size=64k"], ""),
            "crc32" => (["innodb_checksum_algorithm=crc32"], ""),
            "row-format-compressed" => ([], "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8"),
            "page-compressed" => (["innodb_compression_algorithm=zlib"], "PAGE_COMPRESSED=1"),
            "page-compressed-crc32" => (["innodb_checksum_algorithm=crc32", "innodb_compression_algorithm=zlib"], "PAGE_COMPRESSED=1"),
            "encrypted" => (encryption, "ENCRYPTED=YES"),
            "encrypted-crc32" => ([.. encryption, "innodb_checksum_algorithm=crc32"], "ENCRYPTED=YES"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no such format in this test"),
        };
    }

    /// <summary>
    /// Copies one data file (and its .meta) of a backup, flips one bit at byte 100 of a page
    /// that holds data (inside what every format's checksum covers, also for page_compressed
    /// pages, whose payload starts at byte 38 or 40), and expects verify to name that page alone.
    /// </summary>
    internal static async Task AssertOneBadPageAsync(string sourceDir, string name, string copyRoot, int? deltaPageSize)
    {
        var copyDir = Path.Combine(copyRoot, "t");
        Directory.CreateDirectory(copyDir);
        var copy = Path.Combine(copyDir, name);
        File.Copy(Path.Combine(sourceDir, name), copy);
        if (deltaPageSize is not null)
        {
            File.Copy(Path.Combine(sourceDir, Path.ChangeExtension(name, ".meta")), Path.ChangeExtension(copy, ".meta"));
        }

        var bytes = await File.ReadAllBytesAsync(copy);
        var pageSize = deltaPageSize ?? PageSizeOfTablespace(bytes);
        // A .delta starts with a header page; its page images follow, in page-number order. A user
        // page (number 3 on) that holds data when there is one; a .new copied before its table was
        // flushed is all zeros (its pages reach it through the redo log at prepare), and a flipped
        // byte in its page 3 must be caught as well.
        var first = deltaPageSize is null ? 3 : 1;
        var page = Enumerable.Range(first, (bytes.Length / pageSize) - first)
            .Where(p => bytes.AsSpan(p * pageSize, pageSize).ContainsAnyExcept((byte)0))
            .Cast<int?>()
            .FirstOrDefault(p => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((p!.Value * pageSize) + 4)) >= 3) ?? first;
        bytes[(page * pageSize) + 100] ^= 0x10;
        await File.WriteAllBytesAsync(copy, bytes);
        long pageNo = deltaPageSize is null ? page : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((page * pageSize) + 4));

        var verify = await CliRun.RunAsync("verify", copyRoot, "--json");

        Assert.Equal(1, verify.ExitCode);
        var bad = Assert.Single(verify.Json.GetProperty("bad_pages").EnumerateArray());
        Assert.Equal(Path.Combine("t", name), bad.GetProperty("path").GetString());
        Assert.Equal(pageNo, bad.GetProperty("page_no").GetInt64());
    }

    /// <summary>From page 0's FSP flags, as bdash reads them (docs/formats/innodb-page.md).</summary>
    private static int PageSizeOfTablespace(byte[] file)
    {
        var flags = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(54));
        if ((flags & 0x10) != 0)
        {
            return 512 << (int)(flags & 0xF);
        }

        var zip = (int)((flags >> 1) & 0xF);
        var ssize = (int)((flags >> 6) & 0xF);
        return zip != 0 ? 512 << zip : ssize == 0 ? 16384 : 512 << ssize;
    }

    private static int PhysicalPageSize(string meta)
    {
        int Value(string key) => int.Parse(meta.Split('\n').Single(l => l.StartsWith(key, StringComparison.Ordinal)).Split('=')[1].Trim(), CultureInfo.InvariantCulture);
        var zip = Value("zip_size");
        return zip != 0 ? zip : Value("page_size");
    }
}
