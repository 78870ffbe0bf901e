using System.Buffers.Binary;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// Whether a page's stored checksum matches, following buf_page_is_corrupted
/// (storage/innobase/buf/buf0buf.cc) and page_zip_verify_checksum (page0zip.cc). Returns
/// null for a good page and the reason otherwise. All-zero pages are valid: InnoDB allocates
/// files before it writes pages.
/// </summary>
public static class PageChecksum
{
    /// <summary>innodb_checksum_algorithm=none (buf0checksum.h BUF_NO_CHECKSUM_MAGIC).</summary>
    public const uint NoChecksumMagic = 0xDEAD_BEEF;

    public static bool IsAllZero(ReadOnlySpan<byte> page) => !page.ContainsAnyExcept((byte)0);

    /// <summary>
    /// Whether a page already judged good is all zeros, for the count. Every format keeps a
    /// checksum or LSN word in the last 4 bytes, which a written page never leaves zero… except by
    /// chance, so those bytes are looked at first and the whole page only when they are zero: the
    /// good pages cost no second pass.
    /// </summary>
    public static bool IsAllZeroGood(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32BigEndian(page[^4..]) == 0 && IsAllZero(page);

    public static string? Check(ReadOnlySpan<byte> page, TablespaceFormat format) => Check(page, format, out _);

    /// <summary>
    /// The reason a page is bad, or null. <paramref name="notCheckable"/> says why a page that is
    /// not bad could not be checked either: the server itself checks such a page only after
    /// decrypting or decompressing it (docs/formats/innodb-page.md, "Encrypted and
    /// page_compressed pages").
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> page, TablespaceFormat format, out string? notCheckable)
    {
        ArgumentNullException.ThrowIfNull(format);
        notCheckable = null;
        if (page.Length != format.PhysicalPageSize)
        {
            return $"page is {page.Length} bytes, the tablespace's pages are {format.PhysicalPageSize}";
        }

        if (format.IsCompressed)
        {
            return PageEncryption.IsEncryptedLegacyPage(page)
                ? PageEncryption.CheckLegacy(page, zipped: true, out notCheckable)
                : CheckCompressed(page);
        }

        return format.Algorithm switch
        {
            ChecksumAlgorithm.FullCrc32 => CheckFullCrc32(page),
            ChecksumAlgorithm.Unknown => CheckFullCrc32(page) is null ? null : CheckLegacyFormat(page, out notCheckable),
            _ => CheckLegacyFormat(page, out notCheckable),
        };
    }

    /// <summary>
    /// A page of a tablespace without full_crc32, as mariabackup's page_is_corrupted()
    /// (extra/mariabackup/fil_cur.cc) takes it: an encrypted page by its post-encryption
    /// checksum, a page_compressed one after decompression, any other by buf_page_is_corrupted().
    /// </summary>
    private static string? CheckLegacyFormat(ReadOnlySpan<byte> page, out string? notCheckable)
    {
        notCheckable = null;
        if (PageEncryption.IsEncryptedLegacyPage(page))
        {
            return PageEncryption.CheckLegacy(page, zipped: false, out notCheckable);
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(page[FilHeader.TypeOffset..]);
        return type switch
        {
            PageCompression.PageCompressedType => PageCompression.CheckLegacy(page, out notCheckable),
            PageCompression.PageCompressedEncryptedType => "page_compressed and encrypted page type without a key version",
            _ => CheckLegacy(page),
        };
    }

    /// <summary>The algorithm page 0 of a non-full_crc32 tablespace was written with.</summary>
    public static ChecksumAlgorithm Detect(ReadOnlySpan<byte> page0, TablespaceFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var stored = LegacyChecksums.StoredAt(page0, 0);
        if (stored == NoChecksumMagic)
        {
            return ChecksumAlgorithm.None;
        }

        if (format.IsCompressed)
        {
            return stored == LegacyChecksums.ZipAdler32(page0) ? ChecksumAlgorithm.InnoDb : ChecksumAlgorithm.Crc32;
        }

        return stored == LegacyChecksums.Crc32(page0) ? ChecksumAlgorithm.Crc32
            : stored == LegacyChecksums.InnoDbNew(page0) ? ChecksumAlgorithm.InnoDb
            : ChecksumAlgorithm.Unknown;
    }

    /// <summary>
    /// full_crc32 (buf_page_is_corrupted): CRC-32C of [0, size-4) in the last 4 bytes, and the
    /// low LSN word repeated at size-8 unless the page is encrypted (a key version at byte 0,
    /// FIL_PAGE_FCRC32_KEY_VERSION; encryption covers the trailer).
    /// page_compressed pages mark bit 15 of the type and carry their size in its low bits.
    /// </summary>
    public static string? CheckFullCrc32(ReadOnlySpan<byte> page)
    {
        var type = BinaryPrimitives.ReadUInt16BigEndian(page[FilHeader.TypeOffset..]);
        var size = page.Length;
        var compressed = false;
        if ((type & 0x8000) != 0)
        {
            var compressedSize = (type & 0x7FFF) << 8;
            if (compressedSize >= page.Length || compressedSize < FilHeader.Size + 4)
            {
                return IsAllZero(page) ? null : $"page_compressed size {compressedSize} does not fit the {page.Length}-byte page";
            }

            size = compressedSize;
            compressed = true;
        }

        var stored = BinaryPrimitives.ReadUInt32BigEndian(page[(size - 4)..]);
        var computed = Crc32C.Compute(page[..(size - 4)]);
        return ExplainFullCrc32(page, stored, computed, compressed);
    }

    /// <summary>The verdict once the CRC is known (the verifier computes four at a time).</summary>
    internal static string? ExplainFullCrc32(ReadOnlySpan<byte> page, uint stored, uint computed, bool compressed = false)
    {
        if (stored != computed)
        {
            return stored == 0 && IsAllZero(page) ? null : $"full_crc32 checksum mismatch: stored 0x{stored:x8}, computed 0x{computed:x8}";
        }

        if (!compressed && PageEncryption.KeyVersion(page, isFullCrc32: true) == 0 &&
            !page.Slice(FilHeader.LsnOffset + 4, 4).SequenceEqual(page.Slice(page.Length - 8, 4)))
        {
            return "LSN in the header and the trailer differ (torn write)";
        }

        return null;
    }

    /// <summary>crc32, innodb or none, as InnoDB accepts them when not in a strict_ mode.</summary>
    public static string? CheckLegacy(ReadOnlySpan<byte> page)
    {
        var field1 = LegacyChecksums.StoredAt(page, 0);
        var field2 = LegacyChecksums.StoredAt(page, page.Length - 8);
        if (field1 == 0 && field2 == 0 && IsAllZero(page))
        {
            return null;
        }

        if (!page.Slice(FilHeader.LsnOffset + 4, 4).SequenceEqual(page[^4..]))
        {
            return "LSN in the header and the trailer differ (torn write)";
        }

        if (field1 == field2 && (field1 == NoChecksumMagic || field1 == LegacyChecksums.Crc32(page)))
        {
            return null;
        }

        var oldOk = field2 == BinaryPrimitives.ReadUInt32BigEndian(page[FilHeader.LsnOffset..]) || field2 == LegacyChecksums.InnoDbOld(page);
        var newOk = field1 == 0 || field1 == LegacyChecksums.InnoDbNew(page);
        return oldOk && newOk ? null : $"checksum mismatch: stored 0x{field1:x8}/0x{field2:x8}, crc32 0x{LegacyChecksums.Crc32(page):x8}, innodb 0x{LegacyChecksums.InnoDbNew(page):x8}";
    }

    /// <summary>ROW_FORMAT=COMPRESSED: one checksum at offset 0, no trailer.</summary>
    public static string? CheckCompressed(ReadOnlySpan<byte> page)
    {
        var stored = LegacyChecksums.StoredAt(page, 0);
        if (stored == 0 && IsAllZero(page))
        {
            return null;
        }

        if (stored == NoChecksumMagic || stored == LegacyChecksums.ZipCrc32Chained(page) ||
            stored == LegacyChecksums.ZipCrc32Xored(page) || stored == LegacyChecksums.ZipAdler32(page))
        {
            return null;
        }

        return $"compressed page checksum mismatch: stored 0x{stored:x8}, crc32 0x{LegacyChecksums.ZipCrc32Chained(page):x8}";
    }
}
