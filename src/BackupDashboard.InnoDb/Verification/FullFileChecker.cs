using System.Buffers;
using BackupDashboard.InnoDb.Pages;
using BackupDashboard.InnoDb.Files;
using Microsoft.Win32.SafeHandles;

namespace BackupDashboard.InnoDb.Verification;

/// <summary>
/// Checks a page range of a whole tablespace file, read with pread in chunks of
/// <see cref="TablespaceFile.ChunkBytes"/> (why not a memory mapping: ChangedPageScanner).
/// full_crc32 CRCs are computed ahead for a whole chunk (Crc32C); any failure is re-read from
/// disk once before it is called bad (the page may have been rewritten under us).
/// </summary>
internal static class FullFileChecker
{
    public static void Check(SafeFileHandle handle, string path, TablespaceFormat format, DoublewriteArea doublewrite,
        long firstPage, long pageCount, long pagesInFile, VerifySink sink)
    {
        var ps = format.PhysicalPageSize;
        var pagesPerRead = Math.Max(1, TablespaceFile.ChunkBytes / ps);
        var buffer = ArrayPool<byte>.Shared.Rent(pagesPerRead * ps);
        var crcs = new uint[pagesPerRead + 4];
        long checkedPages = 0, zero = 0, doublewritePages = 0;
        try
        {
            for (var first = firstPage; first < firstPage + pageCount; first += pagesPerRead)
            {
                var count = (int)Math.Min(pagesPerRead, firstPage + pageCount - first);
                ReadOnlySpan<byte> pages = buffer.AsSpan(0, TablespaceFile.ReadFully(handle, buffer.AsSpan(0, count * ps), first * ps));
                count = pages.Length / ps;
                var useBatch = format.Algorithm == ChecksumAlgorithm.FullCrc32 && !format.IsCompressed;
                if (useBatch)
                {
                    BatchCrc(pages[..(count * ps)], ps, count, crcs);
                }

                for (var i = 0; i < count; i++)
                {
                    var pageNo = first + i;
                    var page = pages.Slice(i * ps, ps);
                    if (doublewrite.Contains(pageNo))
                    {
                        doublewritePages++;
                        continue;
                    }

                    checkedPages++;
                    var reason = PageJudge.Judge(page, format, pageNo, checkPageNo: true, pagesInFile, out var notCheckable, useBatch ? crcs[i] : null);
                    if (reason is null)
                    {
                        zero += PageChecksum.IsAllZeroGood(page) ? 1 : 0;
                        if (notCheckable is not null)
                        {
                            checkedPages--;
                            sink.NotCheckable(path, notCheckable);
                        }

                        continue;
                    }

                    // Re-read once: a page written while we read it is not corruption.
                    var again = new byte[ps];
                    if (TablespaceFile.ReadFully(handle, again, pageNo * ps) == ps)
                    {
                        reason = PageJudge.Judge(again, format, pageNo, checkPageNo: true, pagesInFile, out _);
                    }

                    if (reason is not null)
                    {
                        sink.Bad.Add(new BadPage(path, pageNo, pageNo * ps, reason));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        sink.Count(checkedPages, zero, doublewritePages);
    }

    private static void BatchCrc(ReadOnlySpan<byte> pages, int ps, int count, uint[] crcs)
    {
        var i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Crc32C.ComputeFour(pages[(i * ps)..], ps, ps - 4, crcs.AsSpan(i, 4));
        }

        for (; i < count; i++)
        {
            crcs[i] = Crc32C.Compute(pages.Slice(i * ps, ps - 4));
        }
    }
}
