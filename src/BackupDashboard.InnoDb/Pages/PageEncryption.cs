using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// MariaDB page encryption (storage/innobase/fil/fil0crypt.cc): an encrypted page keeps its key
/// version in the clear, at FIL_PAGE_FCRC32_KEY_VERSION (byte 0) in the full_crc32 format and at
/// FIL_PAGE_FILE_FLUSH_LSN_OR_KEY_VERSION (byte 26) otherwise; 0 means the page is not
/// encrypted. Page 0 is never encrypted.
/// </summary>
public static class PageEncryption
{
    /// <summary>The page of a file-per-table tablespace that always holds data: the clustered index root.</summary>
    public const int RootPage = 3;

    public static uint KeyVersion(ReadOnlySpan<byte> pageStart, bool isFullCrc32) =>
        BinaryPrimitives.ReadUInt32BigEndian(pageStart[(isFullCrc32 ? 0 : FilHeader.FlushLsnOffset)..]);

    /// <summary>
    /// True when the tablespace file's clustered index root page is encrypted. False for a file
    /// too short to have one, or whose page 0 is not a tablespace header.
    /// </summary>
    public static bool IsEncrypted(string tablespaceFile)
    {
        using var file = File.OpenRead(tablespaceFile);
        Span<byte> header = stackalloc byte[TablespaceFormat.HeaderBytes];
        if (file.Read(header) < header.Length || TablespaceFormat.FromPage0(header) is not { } format)
        {
            return false;
        }

        Span<byte> root = stackalloc byte[FilHeader.Size];
        file.Seek((long)RootPage * format.PhysicalPageSize, SeekOrigin.Begin);
        return file.Read(root) == root.Length && KeyVersion(root, format.IsFullCrc32) != 0;
    }
}
