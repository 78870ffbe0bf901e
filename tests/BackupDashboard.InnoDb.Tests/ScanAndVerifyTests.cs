using BackupDashboard.InnoDb.Metadata;
using BackupDashboard.InnoDb.Scanning;
using BackupDashboard.InnoDb.Verification;
using BackupDashboard.TestSupport;

namespace BackupDashboard.InnoDb.Tests;

public class ScanAndVerifyTests
{
    [Fact]
    public void Scanning_the_live_file_since_the_incrementals_start_counts_exactly_the_delta_pages()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("fx"));
        File.Copy(Fixture.Path("live", "small.ibd"), folder.Combine("fx", "small.ibd"));
        var from = CheckpointsFile.Read(Fixture.Path("inc", "xtrabackup_checkpoints")).FromLsn;
        using var delta = Delta.DeltaFileReader.Open(Fixture.Path("inc", "small.ibd.delta"));

        var report = ChangedPageScanner.Scan(folder.Path, from);

        var file = Assert.Single(report.Files);
        Assert.Equal(Path.Combine("fx", "small.ibd"), file.Path);
        Assert.Equal(9, file.PagesTotal);
        Assert.Equal(delta.CountPages(), report.PagesChanged);
        Assert.Equal(report.PagesChanged * 16384, report.BytesChanged);
        Assert.Equal(0, ChangedPageScanner.Scan(folder.Path, ulong.MaxValue).PagesChanged);
    }

    [Fact]
    public void Scanning_an_incremental_counts_the_pages_inside_its_deltas()
    {
        var from = CheckpointsFile.Read(Fixture.Path("inc", "xtrabackup_checkpoints")).FromLsn;
        var report = ChangedPageScanner.Scan(Fixture.Path("inc"), from);
        Assert.All(report.Files, f => Assert.True(f.IsDelta));
        Assert.Equal(2, report.PagesChanged);
        Assert.Equal(2, report.PagesTotal);
    }

    [Fact]
    public void Verify_passes_real_full_and_incremental_files()
    {
        var full = BackupVerifier.Verify(Fixture.Path("full"));
        var inc = BackupVerifier.Verify(Fixture.Path("inc"));
        Assert.True(full.IsClean, string.Join("; ", full.BadPages));
        Assert.Equal(4 + 9, full.PagesChecked);
        Assert.True(inc.IsClean, string.Join("; ", inc.BadPages));
        Assert.Equal(2, inc.PagesChecked);
    }

    [Fact]
    public void Every_bad_page_is_reported_with_file_and_page_number()
    {
        using var folder = new TempFolder();
        var bytes = Fixture.Bytes("live", "small.ibd");
        bytes[(2 * 16384) + 700] ^= 0x40;
        bytes[(6 * 16384) + 9000] ^= 0x01;
        File.WriteAllBytes(folder.Combine("t.ibd"), bytes);

        var report = BackupVerifier.Verify(folder.Path);

        Assert.False(report.IsClean);
        Assert.Equal([2L, 6L], report.BadPages.Select(b => b.PageNo));
        Assert.All(report.BadPages, b => Assert.Equal("t.ibd", b.Path));
        Assert.Equal(2 * 16384, report.BadPages[0].Offset);
    }

    [Fact]
    public void A_flipped_byte_inside_a_delta_is_reported_with_the_page_number_its_slot_claims()
    {
        using var folder = new TempFolder();
        var bytes = Fixture.Bytes("inc", "small.ibd.delta");
        bytes[16384 + 5000] ^= 0xFF;
        File.WriteAllBytes(folder.Combine("small.ibd.delta"), bytes);
        File.Copy(Fixture.Path("inc", "small.ibd.meta"), folder.Combine("small.ibd.meta"));

        var bad = Assert.Single(BackupVerifier.Verify(folder.Path).BadPages);

        Assert.Equal("small.ibd.delta", bad.Path);
        Assert.Equal(4, bad.PageNo);
        Assert.Equal(16384, bad.Offset);
    }

    [Fact]
    public void A_torn_last_page_is_reported_with_its_offset_and_the_whole_pages_still_pass()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("t.ibd"), Fixture.Bytes("live", "small.ibd")[..((8 * 16384) + 5000)]);

        var report = BackupVerifier.Verify(folder.Path);

        var torn = Assert.Single(report.TornPages);
        Assert.Equal(8 * 16384, torn.Offset);
        Assert.Equal(5000, torn.Bytes);
        Assert.Equal(8, report.PagesChecked);
        Assert.True(report.IsClean);
    }

    [Fact]
    public void A_page_carrying_a_number_beyond_the_tablespace_is_bad()
    {
        using var folder = new TempFolder();
        var bytes = Fixture.Bytes("live", "small.ibd");
        var page = bytes.AsSpan(3 * 16384, 16384);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(page[4..], 4000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(page[^4..], Pages.Crc32C.Compute(page[..^4]));
        File.WriteAllBytes(folder.Combine("t.ibd"), bytes);

        var bad = Assert.Single(BackupVerifier.Verify(folder.Path).BadPages);

        Assert.Equal(3, bad.PageNo);
        Assert.Contains("beyond the tablespace", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_innodb_is_an_error_naming_it_not_a_crash()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("junk.ibd"), new byte[100]);
        var garbage = new byte[40000];
        new Random(1).NextBytes(garbage);
        File.WriteAllBytes(folder.Combine("garbage.ibd"), garbage);

        var report = BackupVerifier.Verify(folder.Path);
        var scan = ChangedPageScanner.Scan(folder.Path, 0);

        Assert.False(report.IsClean);
        Assert.Contains(report.Errors, e => e.Path == "junk.ibd" && e.Message.Contains("truncated", StringComparison.Ordinal));
        Assert.True(report.Errors.Any(e => e.Path == "garbage.ibd") || report.BadPages.Any(b => b.Path == "garbage.ibd"));
        Assert.Contains(scan.Failed, f => f.Path == "junk.ibd");
    }
}
