using System.Buffers.Binary;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Verification;

/// <summary>
/// The verdict on one page at a known position: checksum, then the page number it carries.
/// <paramref name="knownCrc"/> is the full_crc32 CRC when the caller computed it in a batch.
/// </summary>
internal static class PageJudge
{
    public static string? Judge(ReadOnlySpan<byte> page, TablespaceFormat format, long expectedPageNo, bool checkPageNo, long pagesInFile, out string? notCheckable, uint? knownCrc = null)
    {
        notCheckable = null;
        var reason = knownCrc is { } crc && (BinaryPrimitives.ReadUInt16BigEndian(page[FilHeader.TypeOffset..]) & 0x8000) == 0
            ? PageChecksum.ExplainFullCrc32(page, BinaryPrimitives.ReadUInt32BigEndian(page[^4..]), crc)
            : PageChecksum.Check(page, format, out notCheckable);
        if (reason is not null || !checkPageNo)
        {
            return reason;
        }

        var stored = BinaryPrimitives.ReadUInt32BigEndian(page[FilHeader.PageNumberOffset..]);
        if (stored == expectedPageNo || PageChecksum.IsAllZero(page))
        {
            return null;
        }

        return pagesInFile > 0 && stored >= pagesInFile
            ? $"page number field {stored} is beyond the tablespace ({pagesInFile} pages) at position {expectedPageNo}"
            : $"page number field {stored} does not match position {expectedPageNo}";
    }
}
