using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// The 38-byte FIL header every InnoDB page starts with (storage/innobase/include/fil0fil.h:
/// FIL_PAGE_SPACE_OR_CHKSUM 0, FIL_PAGE_OFFSET 4, FIL_PAGE_PREV 8, FIL_PAGE_NEXT 12,
/// FIL_PAGE_LSN 16, FIL_PAGE_TYPE 24, FIL_PAGE_FILE_FLUSH_LSN 26, FIL_PAGE_SPACE_ID 34).
/// All fields are big-endian.
/// </summary>
public readonly struct FilHeader
{
    public const int Size = 38;
    public const int ChecksumOffset = 0;
    public const int PageNumberOffset = 4;
    public const int LsnOffset = 16;
    public const int TypeOffset = 24;
    public const int FlushLsnOffset = 26;
    public const int SpaceIdOffset = 34;
    /// <summary>fil0fil.h FIL_NULL: "no page" in prev/next and the end of a delta page list.</summary>
    public const uint NullPage = 0xFFFF_FFFF;

    private FilHeader(uint checksum, uint pageNumber, uint previous, uint next, ulong lsn, ushort type, ulong flushLsn, uint spaceId)
    {
        Checksum = checksum;
        PageNumber = pageNumber;
        Previous = previous;
        Next = next;
        Lsn = lsn;
        Type = type;
        FlushLsn = flushLsn;
        SpaceId = spaceId;
    }

    public uint Checksum { get; }
    public uint PageNumber { get; }
    public uint Previous { get; }
    public uint Next { get; }
    public ulong Lsn { get; }
    public ushort Type { get; }
    public ulong FlushLsn { get; }
    public uint SpaceId { get; }

    /// <summary>Reads the header; <paramref name="page"/> must hold at least 38 bytes.</summary>
    public static FilHeader Parse(ReadOnlySpan<byte> page)
    {
        if (page.Length < Size)
        {
            throw new ArgumentException($"A FIL header needs {Size} bytes, got {page.Length}.", nameof(page));
        }

        return new FilHeader(
            BinaryPrimitives.ReadUInt32BigEndian(page),
            BinaryPrimitives.ReadUInt32BigEndian(page[PageNumberOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(page[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(page[12..]),
            BinaryPrimitives.ReadUInt64BigEndian(page[LsnOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(page[TypeOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(page[FlushLsnOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(page[SpaceIdOffset..]));
    }

    public static ulong ReadLsn(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt64BigEndian(page[LsnOffset..]);
}
