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
    /// Whether a page of a tablespace without full_crc32 is encrypted: a key version at byte 26
    /// on any page but page 0, whose byte 26 is the system tablespace's flush LSN
    /// (extra/mariabackup/fil_cur.cc, page_is_corrupted(), checks the page number first too).
    /// </summary>
    public static bool IsEncryptedLegacyPage(ReadOnlySpan<byte> page) =>
        BinaryPrimitives.ReadUInt32BigEndian(page[FilHeader.PageNumberOffset..]) != 0 && KeyVersion(page, isFullCrc32: false) != 0;

    /// <summary>
    /// fil_space_verify_crypt_checksum (fil0crypt.cc): the checksum of the encrypted page at byte
    /// 30, after the key version, is crc32 or innodb over the same ranges as an unencrypted page
    /// (page_zip_calc_checksum for ROW_FORMAT=COMPRESSED), or 0xdeadbeef for "none". A page both
    /// encrypted and page_compressed carries no checksum until it is decrypted: not checkable
    /// without the key.
    /// </summary>
    public static string? CheckLegacy(ReadOnlySpan<byte> page, bool zipped, out string? notCheckable)
    {
        notCheckable = null;
        if (BinaryPrimitives.ReadUInt16BigEndian(page[FilHeader.TypeOffset..]) == PageCompression.PageCompressedEncryptedType)
        {
            notCheckable = "encrypted and page_compressed: no checksum until decrypted with the key";
            return null;
        }

        var stored = BinaryPrimitives.ReadUInt32BigEndian(page[PostEncryptionChecksumOffset..]);
        if (stored == PageChecksum.NoChecksumMagic)
        {
            return null;
        }

        var (crc32, innodb) = zipped
            ? (LegacyChecksums.ZipCrc32Chained(page), LegacyChecksums.ZipAdler32(page))
            : (LegacyChecksums.Crc32(page), LegacyChecksums.InnoDbNew(page));
        return stored == crc32 || stored == innodb
            ? null
            : $"encrypted page checksum mismatch: stored 0x{stored:x8}, crc32 0x{crc32:x8}, innodb 0x{innodb:x8}";
    }

    /// <summary>FIL_PAGE_FILE_FLUSH_LSN_OR_KEY_VERSION + 4.</summary>
    private const int PostEncryptionChecksumOffset = FilHeader.FlushLsnOffset + 4;

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
