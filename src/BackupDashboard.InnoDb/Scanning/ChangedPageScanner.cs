using System.Buffers.Binary;
using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Files;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Scanning;

/// <summary>
/// Counts the pages an incremental from a given LSN would copy: those whose FIL_PAGE_LSN is
/// strictly greater (write_filt.cc: "if (incremental_lsn >= mach_read_from_8(page +
/// FIL_PAGE_LSN)) continue;"). Only the 8 LSN bytes of each page are read (through a memory
/// mapping for .ibd files, with pread otherwise: see MappedPages), so the files' other bytes
/// never leave the page cache (or the disk). Big files are
/// split into page ranges so both cores work on one file.
/// </summary>
public static class ChangedPageScanner
{
    /// <summary>fil_cur.cc reads no page of an empty file, so an incremental copies none.</summary>
    public const string EmptyFileNote = "0 bytes: an empty tablespace file, which mariabackup skips; nothing to copy";

    /// <summary>Pages per work item: small enough to balance two cores over one big file.</summary>
    private const long PagesPerItem = 8192;

    public static ScanReport Scan(string directory, ulong sinceLsn, CancellationToken cancellationToken = default) =>
        Scan(InnoDbDataFiles.Find(directory), sinceLsn, cancellationToken);

    public static ScanReport Scan(IReadOnlyList<InnoDbDataFile> files, ulong sinceLsn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new FileScan[files.Count];
        var formats = new int[files.Count];
        var changed = new long[files.Count];
        var items = new List<(int File, long First, long Count)>();
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                if (files[i].Problem is { } problem)
                {
                    results[i] = new FileScan(files[i].RelativePath, false, 0, 0, 0, problem);
                    continue;
                }

                if (files[i].IsEmpty)
                {
                    results[i] = new FileScan(files[i].RelativePath, false, 0, 0, 0) { Note = EmptyFileNote };
                    continue;
                }

                if (files[i].Kind == InnoDbFileKind.Delta)
                {
                    results[i] = ScanDelta(files[i], sinceLsn);
                    continue;
                }

                using var handle = TablespaceFile.OpenRead(files[i].Path);
                formats[i] = TablespaceFile.ReadFormat(handle, files[i].RelativePath, wholePage: false).PhysicalPageSize;
                var pages = files[i].Length / formats[i];
                for (long first = 0; first < pages; first += PagesPerItem)
                {
                    items.Add((i, first, Math.Min(PagesPerItem, pages - first)));
                }
            }
            catch (Exception e) when (e is InnoDbFormatException or IOException or UnauthorizedAccessException)
            {
                results[i] = new FileScan(files[i].RelativePath, files[i].Kind == InnoDbFileKind.Delta, 0, 0, 0, e.Message);
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.ForEach(items, options, item =>
        {
            using var handle = TablespaceFile.OpenRead(files[item.File].Path);
            var count = CountNewer(handle, files[item.File].Path, formats[item.File], item.First, item.Count, sinceLsn);
            Interlocked.Add(ref changed[item.File], count);
        });

        for (var i = 0; i < files.Count; i++)
        {
            results[i] ??= new FileScan(files[i].RelativePath, false, formats[i], files[i].Length / formats[i], changed[i]);
        }

        return new ScanReport(sinceLsn, results);
    }

    private static long CountNewer(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path, int pageSize, long first, long count, ulong sinceLsn)
    {
        long newer = 0;
        if (MappedPages.IsSafeFor(path))
        {
            using var mapped = new MappedPages(handle, first * pageSize, count * pageSize);
            var pages = mapped.Span;
            for (var offset = FilHeader.LsnOffset; offset < pages.Length; offset += pageSize)
            {
                newer += BinaryPrimitives.ReadUInt64BigEndian(pages[offset..]) > sinceLsn ? 1 : 0;
            }

            return newer;
        }

        Span<byte> lsn = stackalloc byte[8];
        for (var page = first; page < first + count; page++)
        {
            if (RandomAccess.Read(handle, lsn, (page * pageSize) + FilHeader.LsnOffset) == 8 &&
                BinaryPrimitives.ReadUInt64BigEndian(lsn) > sinceLsn)
            {
                newer++;
            }
        }

        return newer;
    }

    private static FileScan ScanDelta(InnoDbDataFile file, ulong sinceLsn)
    {
        using var reader = DeltaFileReader.Open(file.Path);
        Span<byte> lsn = stackalloc byte[8];
        long total = 0, newer = 0;
        foreach (var cluster in reader.Clusters())
        {
            for (var i = 0; i < cluster.PageNumbers.Count; i++)
            {
                reader.ReadExactly(lsn, cluster.PagesOffset + ((long)i * reader.PageSize) + FilHeader.LsnOffset);
                total++;
                newer += BinaryPrimitives.ReadUInt64BigEndian(lsn) > sinceLsn ? 1 : 0;
            }
        }

        return new FileScan(file.RelativePath, true, reader.PageSize, total, newer);
    }
}
