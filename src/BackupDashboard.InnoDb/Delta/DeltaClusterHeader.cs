using System.Buffers.Binary;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Delta;

/// <summary>
/// The first page of each cluster of a .delta file (extra/mariabackup/write_filt.cc,
/// wf_incremental_process / wf_incremental_finalize): magic "xtra" when another cluster
/// follows, "XTRA" on the last; then big-endian page numbers in slots 1 .. page_size/4 - 1;
/// a shorter list ends with 0xFFFFFFFF. The listed pages follow the header in list order.
/// </summary>
public readonly struct DeltaClusterHeader
{
    public const uint MoreMagic = 0x7874_7261; // "xtra"
    public const uint LastMagic = 0x5854_5241; // "XTRA"

    private DeltaClusterHeader(bool isLast, uint[] pageNumbers)
    {
        IsLast = isLast;
        PageNumbers = pageNumbers;
    }

    public bool IsLast { get; }
    public IReadOnlyList<uint> PageNumbers { get; }

    /// <summary>How many page numbers one header holds: page_size/4 - 1 (4095 for 16 KiB).</summary>
    public static int Capacity(int pageSize) => (pageSize / 4) - 1;

    /// <summary>Parses a header page; <paramref name="offset"/> is where it sits in <paramref name="path"/>.</summary>
    public static DeltaClusterHeader Parse(ReadOnlySpan<byte> header, string path, long offset)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic is not (MoreMagic or LastMagic))
        {
            throw new InnoDbFormatException(path, offset, $"delta cluster header magic is 0x{magic:x8}, expected \"xtra\" or \"XTRA\"");
        }

        var capacity = Capacity(header.Length);
        var count = 0;
        while (count < capacity && BinaryPrimitives.ReadUInt32BigEndian(header[((count + 1) * 4)..]) != FilHeader.NullPage)
        {
            count++;
        }

        var pages = new uint[count];
        for (var i = 0; i < count; i++)
        {
            pages[i] = BinaryPrimitives.ReadUInt32BigEndian(header[((i + 1) * 4)..]);
        }

        return new DeltaClusterHeader(magic == LastMagic, pages);
    }

    /// <summary>Writes a header page as write_filt.cc does (rest of the page zero).</summary>
    public static void Write(Span<byte> header, bool isLast, ReadOnlySpan<uint> pageNumbers)
    {
        var capacity = Capacity(header.Length);
        if (pageNumbers.Length > capacity)
        {
            throw new ArgumentException($"A {header.Length}-byte header holds {capacity} page numbers.", nameof(pageNumbers));
        }

        header.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(header, isLast ? LastMagic : MoreMagic);
        for (var i = 0; i < pageNumbers.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header[((i + 1) * 4)..], pageNumbers[i]);
        }

        if (pageNumbers.Length < capacity)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header[((pageNumbers.Length + 1) * 4)..], FilHeader.NullPage);
        }
    }
}
