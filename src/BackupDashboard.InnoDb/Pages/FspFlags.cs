using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// FSP_SPACE_FLAGS from the FSP header of page 0 (fsp0fsp.h: FSP_HEADER_OFFSET = FIL_PAGE_DATA
/// 38, FSP_SPACE_FLAGS at +16, so byte 54; FSP_SIZE at +8, byte 46). Two layouts exist
/// (storage/innobase/include/fsp0types.h):
/// <list type="bullet">
/// <item>full_crc32 (MariaDB &gt;= 10.5): bits 0-3 page ssize, bit 4 the marker, bits 5-7 the
/// page_compressed algorithm. Never ROW_FORMAT=COMPRESSED.</item>
/// <item>the older one (MySQL, MariaDB before full_crc32): bit 0 post-Antelope, bits 1-4 zip
/// ssize, bit 5 atomic blobs, bits 6-9 page ssize (0 = 16 KiB).</item>
/// </list>
/// A size from an ssize is 512 &lt;&lt; ssize (UNIV_ZIP_SIZE_MIN / 2 &lt;&lt; ssize).
/// </summary>
public readonly struct FspFlags
{
    public const int FlagsOffset = FilHeader.Size + 16;
    public const int SpaceSizeOffset = FilHeader.Size + 8;
    private const uint FullCrc32Marker = 1u << 4;

    private FspFlags(uint raw, bool isFullCrc32, int pageSize, int zipSize)
    {
        Raw = raw;
        IsFullCrc32 = isFullCrc32;
        PageSize = pageSize;
        ZipSize = zipSize;
    }

    public uint Raw { get; }
    public bool IsFullCrc32 { get; }

    /// <summary>The logical page size (innodb_page_size), 4 to 64 KiB.</summary>
    public int PageSize { get; }

    /// <summary>ROW_FORMAT=COMPRESSED block size, or 0.</summary>
    public int ZipSize { get; }

    /// <summary>The size of one page on disk: the zip size for compressed tables.</summary>
    public int PhysicalPageSize => ZipSize != 0 ? ZipSize : PageSize;

    /// <summary>Decodes raw flags; null when they describe no valid page size.</summary>
    public static FspFlags? TryDecode(uint raw)
    {
        if ((raw & FullCrc32Marker) != 0)
        {
            var size = SizeFromSsize((int)(raw & 0xF), zeroMeans16K: false);
            return size == 0 ? null : new FspFlags(raw, true, size, 0);
        }

        var pageSize = SizeFromSsize((int)((raw >> 6) & 0xF), zeroMeans16K: true);
        var zipSsize = (int)((raw >> 1) & 0xF);
        var zipSize = zipSsize == 0 ? 0 : 512 << zipSsize;
        if (pageSize == 0 || zipSsize > 5 || zipSize > pageSize)
        {
            return null;
        }

        return new FspFlags(raw, false, pageSize, zipSize);
    }

    /// <summary>Reads the flags of page 0; <paramref name="page0"/> needs at least 58 bytes.</summary>
    public static FspFlags? TryParse(ReadOnlySpan<byte> page0) =>
        page0.Length < FlagsOffset + 4 ? null : TryDecode(BinaryPrimitives.ReadUInt32BigEndian(page0[FlagsOffset..]));

    /// <summary>fsp0types.h: ssize 3..7 are 4..64 KiB; the old layout writes 0 for 16 KiB.</summary>
    private static int SizeFromSsize(int ssize, bool zeroMeans16K) => ssize switch
    {
        0 when zeroMeans16K => 16384,
        >= 3 and <= 7 => 512 << ssize,
        _ => 0,
    };
}
