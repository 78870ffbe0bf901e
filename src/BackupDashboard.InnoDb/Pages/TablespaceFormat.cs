using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>What page 0 says about a whole tablespace: page sizes, layout, checksum algorithm.</summary>
public sealed record TablespaceFormat(int PageSize, int ZipSize, bool IsFullCrc32, uint SpaceId, uint SizeInPages, ChecksumAlgorithm Algorithm)
{
    /// <summary>Bytes from the start of page 0 that <see cref="FromPage0"/> needs to find the page size.</summary>
    public const int HeaderBytes = FspFlags.FlagsOffset + 4;

    /// <summary>The size of one page on disk (the zip size for ROW_FORMAT=COMPRESSED).</summary>
    public int PhysicalPageSize => ZipSize != 0 ? ZipSize : PageSize;

    public bool IsCompressed => ZipSize != 0;

    /// <summary>
    /// Reads the format from page 0. <paramref name="page0"/> may be just the first
    /// <see cref="HeaderBytes"/> bytes; with the whole page the checksum algorithm is detected
    /// too. Null when the flags describe no valid page size.
    /// </summary>
    public static TablespaceFormat? FromPage0(ReadOnlySpan<byte> page0)
    {
        if (FspFlags.TryParse(page0) is not { } flags)
        {
            return null;
        }

        var spaceId = BinaryPrimitives.ReadUInt32BigEndian(page0[FilHeader.SpaceIdOffset..]);
        var size = BinaryPrimitives.ReadUInt32BigEndian(page0[FspFlags.SpaceSizeOffset..]);
        var format = new TablespaceFormat(flags.PageSize, flags.ZipSize, flags.IsFullCrc32, spaceId, size,
            flags.IsFullCrc32 ? ChecksumAlgorithm.FullCrc32 : ChecksumAlgorithm.Unknown);
        return !flags.IsFullCrc32 && page0.Length >= format.PhysicalPageSize
            ? format with { Algorithm = PageChecksum.Detect(page0[..format.PhysicalPageSize], format) }
            : format;
    }

    /// <summary>A tablespace known only by its .meta (no page 0 at hand).</summary>
    public static TablespaceFormat FromMeta(int pageSize, int zipSize, uint spaceId) =>
        new(pageSize, zipSize, false, spaceId, 0, ChecksumAlgorithm.Unknown);
}
