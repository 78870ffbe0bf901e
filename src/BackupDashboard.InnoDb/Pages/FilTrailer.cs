using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// The last 8 bytes of an uncompressed page (fil0fil.h FIL_PAGE_END_LSN_OLD_CHKSUM). Old
/// layout: old-style checksum then the low 32 bits of FIL_PAGE_LSN. full_crc32 layout
/// (FIL_PAGE_FCRC32_END_LSN, FIL_PAGE_FCRC32_CHECKSUM): low 32 bits of the LSN, then CRC-32C.
/// </summary>
public readonly struct FilTrailer
{
    public const int Size = 8;

    private FilTrailer(uint first, uint second)
    {
        First = first;
        Second = second;
    }

    /// <summary>Old layout: the old-style checksum; full_crc32: the low 32 bits of the LSN.</summary>
    public uint First { get; }

    /// <summary>Old layout: the low 32 bits of the LSN; full_crc32: the CRC-32C.</summary>
    public uint Second { get; }

    public static FilTrailer Parse(ReadOnlySpan<byte> page)
    {
        if (page.Length < FilHeader.Size + Size)
        {
            throw new ArgumentException("Too short for a page trailer.", nameof(page));
        }

        var tail = page[^Size..];
        return new FilTrailer(BinaryPrimitives.ReadUInt32BigEndian(tail), BinaryPrimitives.ReadUInt32BigEndian(tail[4..]));
    }
}
