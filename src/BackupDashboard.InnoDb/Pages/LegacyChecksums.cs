using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// The checksums of tablespaces written without full_crc32 (storage/innobase/buf/buf0checksum.cc,
/// page/page0zip.cc). Ranges skip the fields that change without the page changing: the
/// checksum itself, FIL_PAGE_FILE_FLUSH_LSN and the trailer.
/// </summary>
public static class LegacyChecksums
{
    private const int FlushLsnOffset = FilHeader.FlushLsnOffset;
    private const uint HashMask = 1463735687; // ut0rnd.h UT_HASH_RANDOM_MASK
    private const uint HashMask2 = 1653893711; // ut0rnd.h UT_HASH_RANDOM_MASK2

    /// <summary>buf_calc_page_crc32: CRC-32C of [4, 26) xor CRC-32C of [38, size-8).</summary>
    public static uint Crc32(ReadOnlySpan<byte> page) =>
        Crc32C.Compute(page[4..FlushLsnOffset]) ^ Crc32C.Compute(page[FilHeader.Size..^FilTrailer.Size]);

    /// <summary>buf_calc_page_new_checksum ("innodb"): ut_fold_binary over the same two ranges.</summary>
    public static uint InnoDbNew(ReadOnlySpan<byte> page) =>
        Fold(page[4..FlushLsnOffset]) + Fold(page[FilHeader.Size..^FilTrailer.Size]);

    /// <summary>buf_calc_page_old_checksum: ut_fold_binary of [0, 26), stored at size-8.</summary>
    public static uint InnoDbOld(ReadOnlySpan<byte> page) => Fold(page[..FlushLsnOffset]);

    /// <summary>
    /// page_zip_calc_checksum for ROW_FORMAT=COMPRESSED pages: [4, 16), [24, 26), [34, size).
    /// MariaDB chains one CRC over the three ranges; MySQL 5.7 xors three separate CRCs.
    /// </summary>
    public static uint ZipCrc32Chained(ReadOnlySpan<byte> page)
    {
        var crc = Crc32C.Update(0xFFFF_FFFF, page[4..16]);
        crc = Crc32C.Update(crc, page[24..26]);
        return ~Crc32C.Update(crc, page[FilHeader.SpaceIdOffset..]);
    }

    public static uint ZipCrc32Xored(ReadOnlySpan<byte> page) =>
        Crc32C.Compute(page[4..16]) ^ Crc32C.Compute(page[24..26]) ^ Crc32C.Compute(page[FilHeader.SpaceIdOffset..]);

    /// <summary>page_zip_calc_checksum with innodb_checksum_algorithm=innodb: Adler-32 of the same ranges.</summary>
    public static uint ZipAdler32(ReadOnlySpan<byte> page)
    {
        var adler = Adler32(1, page[4..16]);
        adler = Adler32(adler, page[24..26]);
        return Adler32(adler, page[FilHeader.SpaceIdOffset..]);
    }

    public static uint StoredAt(ReadOnlySpan<byte> page, int offset) => BinaryPrimitives.ReadUInt32BigEndian(page[offset..]);

    /// <summary>ut_fold_binary: a byte-wise fold; only the low 32 bits ever reach the page.</summary>
    private static uint Fold(ReadOnlySpan<byte> data)
    {
        uint fold = 0;
        foreach (var b in data)
        {
            fold = ((((fold ^ b ^ HashMask2) << 8) + fold) ^ HashMask) + b;
        }

        return fold;
    }

    private static uint Adler32(uint adler, ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = adler & 0xFFFF, b = adler >> 16;
        while (!data.IsEmpty)
        {
            // 5552 bytes is zlib's NMAX: the most that cannot overflow b before the modulo.
            var chunk = data[..Math.Min(data.Length, 5552)];
            foreach (var x in chunk)
            {
                a += x;
                b += a;
            }

            a %= Mod;
            b %= Mod;
            data = data[chunk.Length..];
        }

        return (b << 16) | a;
    }
}
