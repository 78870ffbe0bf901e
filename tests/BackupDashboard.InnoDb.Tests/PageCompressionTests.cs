using System.Buffers.Binary;
using System.IO.Compression;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Tests;

/// <summary>
/// page_compressed and encrypted pages of the old (non-full_crc32) layout, built as
/// fil0pagecompress.cc and fil0crypt.cc write them (docs/formats/innodb-page.md, "Encrypted and
/// page_compressed pages"); real ones are in the Cli tests' backups.
/// </summary>
public class PageCompressionTests
{
    private static readonly TablespaceFormat Crc32Format = new(16384, 0, false, 7, 8, ChecksumAlgorithm.Crc32);

    [Fact]
    public void A_zlib_page_compressed_page_is_checked_after_decompression_and_a_flip_in_its_payload_is_bad()
    {
        var page = Compressed(Fixture.Page("full/legacy-4pages.ibd", 3, 16384), algorithm: 1);

        Assert.Null(PageChecksum.Check(page, Crc32Format, out var notCheckable));
        Assert.Null(notCheckable);
        page[100] ^= 0x10;
        Assert.NotNull(PageChecksum.Check(page, Crc32Format));
    }

    [Fact]
    public void A_page_that_decompresses_to_a_bad_page_is_bad_and_says_so()
    {
        var original = Fixture.Page("full/legacy-4pages.ibd", 3, 16384);
        original[500] ^= 4;

        Assert.StartsWith("after decompression:", PageChecksum.Check(Compressed(original, algorithm: 1), Crc32Format), StringComparison.Ordinal);
    }

    [Fact]
    public void Other_algorithms_and_encrypted_page_compressed_pages_are_not_checkable_never_bad()
    {
        var lz4 = Compressed(Fixture.Page("full/legacy-4pages.ibd", 3, 16384), algorithm: 2);
        var encrypted = new byte[16384];
        new Random(3).NextBytes(encrypted);
        BinaryPrimitives.WriteUInt32BigEndian(encrypted.AsSpan(4), 9);
        BinaryPrimitives.WriteUInt16BigEndian(encrypted.AsSpan(24), PageCompression.PageCompressedEncryptedType);
        BinaryPrimitives.WriteUInt32BigEndian(encrypted.AsSpan(26), 1);

        Assert.Null(PageChecksum.Check(lz4, Crc32Format, out var lz4Reason));
        Assert.Contains("lz4", lz4Reason, StringComparison.Ordinal);
        Assert.Null(PageChecksum.Check(encrypted, Crc32Format, out var encryptedReason));
        Assert.Contains("key", encryptedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_page_is_checked_by_its_post_encryption_checksum_at_byte_30()
    {
        var page = new byte[16384];
        new Random(5).NextBytes(page);
        BinaryPrimitives.WriteUInt32BigEndian(page.AsSpan(4), 12);
        BinaryPrimitives.WriteUInt16BigEndian(page.AsSpan(24), 17855);
        BinaryPrimitives.WriteUInt32BigEndian(page.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt32BigEndian(page.AsSpan(30), LegacyChecksums.Crc32(page));

        Assert.Null(PageChecksum.Check(page, Crc32Format));
        page[1000] ^= 1;
        Assert.Contains("encrypted page checksum mismatch", PageChecksum.Check(page, Crc32Format), StringComparison.Ordinal);
    }

    /// <summary>fil_page_compress_for_non_full_crc32: header copied, 0xdeadbeef, algorithm at 26, length at 38, payload from 40.</summary>
    private static byte[] Compressed(byte[] original, ushort algorithm)
    {
        using var payload = new MemoryStream();
        using (var zlib = new ZLibStream(payload, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(original);
        }

        var page = new byte[original.Length];
        original.AsSpan(0, 38).CopyTo(page);
        BinaryPrimitives.WriteUInt32BigEndian(page, PageChecksum.NoChecksumMagic);
        BinaryPrimitives.WriteUInt16BigEndian(page.AsSpan(24), PageCompression.PageCompressedType);
        BinaryPrimitives.WriteUInt64BigEndian(page.AsSpan(26), algorithm);
        BinaryPrimitives.WriteUInt16BigEndian(page.AsSpan(38), (ushort)payload.Length);
        payload.ToArray().CopyTo(page, 40);
        return page;
    }
}
