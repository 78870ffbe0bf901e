using System.Buffers.Binary;
using BackupDashboard.InnoDb.Pages;
using Microsoft.Win32.SafeHandles;

namespace BackupDashboard.InnoDb.Verification;

/// <summary>
/// The doublewrite buffer inside the system tablespace: two blocks of one extent each whose
/// pages are copies of other pages, so their page numbers differ from their position. Found
/// in the TRX_SYS page (page 5): trx0sys.h TRX_SYS_DOUBLEWRITE = page_size - 200, then a
/// 10-byte FSEG header, the magic 536853855 and the first page of each block.
/// </summary>
internal readonly record struct DoublewriteArea(long Block1, long Block2, long ExtentPages)
{
    private const int TrxSysPage = 5;
    private const uint Magic = 536853855;

    public static readonly DoublewriteArea None = new(-1, -1, 0);

    public bool Contains(long pageNo) =>
        (pageNo >= Block1 && pageNo < Block1 + ExtentPages) || (pageNo >= Block2 && pageNo < Block2 + ExtentPages);

    public static DoublewriteArea Find(SafeFileHandle handle, TablespaceFormat format)
    {
        if (format.SpaceId != 0 || format.IsCompressed)
        {
            return None;
        }

        var ps = format.PageSize;
        Span<byte> fields = stackalloc byte[22];
        if (RandomAccess.Read(handle, fields, ((long)TrxSysPage * ps) + ps - 200) < fields.Length ||
            BinaryPrimitives.ReadUInt32BigEndian(fields[10..]) != Magic)
        {
            return None;
        }

        return new DoublewriteArea(BinaryPrimitives.ReadUInt32BigEndian(fields[14..]), BinaryPrimitives.ReadUInt32BigEndian(fields[18..]), ExtentPagesFor(ps));
    }

    /// <summary>
    /// A delta of the system tablespace rarely carries page 5: assume where trx0sys.cc
    /// (buf_dblwr_t::create) always puts the blocks, the second and third extents.
    /// </summary>
    public static DoublewriteArea AssumedForSystemDelta(uint spaceId, int pageSize, bool compressed)
    {
        var extent = ExtentPagesFor(pageSize);
        return spaceId == 0 && !compressed ? new DoublewriteArea(extent, 2 * extent, extent) : None;
    }

    /// <summary>fsp0types.h FSP_EXTENT_SIZE: 1 MiB of pages up to 16 KiB pages, 64 pages above.</summary>
    private static long ExtentPagesFor(int pageSize) => pageSize <= 16384 ? 1048576 / pageSize : 64;
}
