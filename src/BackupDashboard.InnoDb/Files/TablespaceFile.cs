using BackupDashboard.InnoDb.Pages;
using Microsoft.Win32.SafeHandles;

namespace BackupDashboard.InnoDb.Files;

/// <summary>Opens a full tablespace file read-only, learns its format from page 0, and reads its pages in chunks.</summary>
public static class TablespaceFile
{
    /// <summary>
    /// Bytes per pread for scan and verify: small enough to stay in the core's L2 cache between
    /// the kernel's copy and the checks (docs/formats/innodb-page.md, "How bdash reads pages fast").
    /// </summary>
    public const int ChunkBytes = 256 * 1024;

    public static SafeFileHandle OpenRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    /// <summary>
    /// The format from page 0. With <paramref name="wholePage"/> the checksum algorithm is
    /// detected too (one page read); without, only 58 bytes are read.
    /// </summary>
    public static TablespaceFormat ReadFormat(SafeFileHandle handle, string path, bool wholePage)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var length = RandomAccess.GetLength(handle);
        Span<byte> head = stackalloc byte[TablespaceFormat.HeaderBytes];
        if (length < head.Length || RandomAccess.Read(handle, head, 0) < head.Length)
        {
            throw new InnoDbFormatException(path, length, $"truncated: {length} bytes cannot hold an InnoDB page 0");
        }

        var format = TablespaceFormat.FromPage0(head)
            ?? throw new InnoDbFormatException(path, FspFlags.FlagsOffset,
                $"page 0 has no valid FSP flags (0x{System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head[FspFlags.FlagsOffset..]):x8}): not an InnoDB tablespace, or page 0 is damaged");
        if (length < format.PhysicalPageSize)
        {
            throw new InnoDbFormatException(path, length, $"truncated: {length} bytes, less than one {format.PhysicalPageSize}-byte page");
        }

        if (!wholePage || format.IsFullCrc32)
        {
            return format;
        }

        var page0 = new byte[format.PhysicalPageSize];
        RandomAccess.Read(handle, page0, 0);
        return TablespaceFormat.FromPage0(page0) ?? format;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; returns the bytes read (fewer only at the end of the file).</summary>
    public static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }
}
