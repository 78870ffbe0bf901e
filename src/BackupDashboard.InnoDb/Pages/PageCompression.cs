using System.Buffers.Binary;
using System.IO.Compression;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// PAGE_COMPRESSED pages of tablespaces without full_crc32 (storage/innobase/fil/fil0pagecompress.cc,
/// fil_page_compress_for_non_full_crc32 and fil_page_decompress_for_non_full_crc32): the page
/// carries no checksum of its own (0xdeadbeef at byte 0), the algorithm in the 8 bytes at 26,
/// the payload length at 38 and the payload, the whole original page compressed, from 40. The
/// server checks the page it decompresses; so does this. Only zlib is decompressed here; a page
/// of any other algorithm is counted as not checkable. full_crc32 page_compressed pages need
/// none of this: their CRC covers the compressed image.
/// </summary>
public static class PageCompression
{
    /// <summary>FIL_PAGE_PAGE_COMPRESSED.</summary>
    public const ushort PageCompressedType = 34354;

    /// <summary>FIL_PAGE_PAGE_COMPRESSED_ENCRYPTED.</summary>
    public const ushort PageCompressedEncryptedType = 37401;

    private const int AlgorithmOffset = FilHeader.FlushLsnOffset;
    private const int PayloadLengthOffset = FilHeader.Size;
    private const int HeaderLength = FilHeader.Size + 2;

    /// <summary>fsp0pagecompress.h, PAGE_*_ALGORITHM.</summary>
    private static readonly string[] AlgorithmNames = ["none", "zlib", "lz4", "lzo", "lzma", "bzip2", "snappy"];
    private const int Zlib = 1;

    public static string? CheckLegacy(ReadOnlySpan<byte> page, out string? notCheckable)
    {
        notCheckable = null;
        if (BinaryPrimitives.ReadUInt32BigEndian(page) != PageChecksum.NoChecksumMagic)
        {
            return "page_compressed page without its 0xdeadbeef marker at byte 0";
        }

        var algorithmField = BinaryPrimitives.ReadUInt64BigEndian(page[AlgorithmOffset..]);
        if (algorithmField >= (ulong)AlgorithmNames.Length || algorithmField == 0)
        {
            return $"page_compressed page names compression algorithm {algorithmField}, which does not exist";
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(page[PayloadLengthOffset..]);
        if (length == 0 || length > page.Length - HeaderLength)
        {
            return $"page_compressed payload of {length} bytes does not fit the {page.Length}-byte page";
        }

        if (algorithmField != Zlib)
        {
            notCheckable = $"page_compressed with {AlgorithmNames[algorithmField]}: only zlib pages are decompressed here";
            return null;
        }

        var original = new byte[page.Length];
        if (!TryInflate(page.Slice(HeaderLength, length), original))
        {
            return "page_compressed payload does not decompress (zlib) to a whole page";
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(original.AsSpan(FilHeader.TypeOffset));
        if (type is PageCompressedType or PageCompressedEncryptedType)
        {
            return "page_compressed payload decompresses to another page_compressed page";
        }

        return PageChecksum.CheckLegacy(original) is { } reason ? $"after decompression: {reason}" : null;
    }

    private static bool TryInflate(ReadOnlySpan<byte> payload, byte[] output)
    {
        try
        {
            using var source = new MemoryStream(payload.ToArray(), writable: false);
            using var zlib = new ZLibStream(source, CompressionMode.Decompress);
            var done = 0;
            while (done < output.Length)
            {
                var n = zlib.Read(output, done, output.Length - done);
                if (n == 0)
                {
                    return false;
                }

                done += n;
            }

            // A whole page and not a byte more, as uncompress() with len == srv_page_size demands.
            return zlib.ReadByte() < 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
