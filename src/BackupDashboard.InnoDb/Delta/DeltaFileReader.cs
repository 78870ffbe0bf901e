using Microsoft.Win32.SafeHandles;

namespace BackupDashboard.InnoDb.Delta;

/// <summary>
/// Walks the clusters of a .delta file one header at a time (memory stays at one page however
/// large the file), checking that each cluster's pages are really in the file.
/// </summary>
public sealed class DeltaFileReader : IDisposable
{
    private readonly SafeFileHandle _handle;

    private DeltaFileReader(string path, SafeFileHandle handle, int pageSize)
    {
        Path = path;
        _handle = handle;
        PageSize = pageSize;
        Length = RandomAccess.GetLength(handle);
    }

    public string Path { get; }

    /// <summary>The physical page size from the .meta (zip_size for compressed tables).</summary>
    public int PageSize { get; }
    public long Length { get; }

    public static DeltaFileReader Open(string deltaPath, int pageSize)
    {
        if (pageSize is < 1024 or > 65536 || !int.IsPow2(pageSize))
        {
            throw new InnoDbFormatException(deltaPath, 0, $"page size {pageSize} is impossible for a delta file");
        }

        return new DeltaFileReader(deltaPath, File.OpenHandle(deltaPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), pageSize);
    }

    /// <summary>Opens <c>X.delta</c> with the page size from <c>X.meta</c>.</summary>
    public static DeltaFileReader Open(string deltaPath) => Open(deltaPath, MetaPathFor(deltaPath) is { } meta
        ? DeltaMeta.Read(meta).PhysicalPageSize
        : throw new InnoDbFormatException(deltaPath, 0, "no .meta file beside the delta"));

    public static string? MetaPathFor(string deltaPath)
    {
        var meta = System.IO.Path.ChangeExtension(deltaPath, ".meta");
        return File.Exists(meta) ? meta : null;
    }

    /// <summary>The clusters in file order; throws <see cref="InnoDbFormatException"/> on the first defect.</summary>
    public IEnumerable<DeltaCluster> Clusters()
    {
        var header = new byte[PageSize];
        long offset = 0;
        while (true)
        {
            if (offset + PageSize > Length)
            {
                throw new InnoDbFormatException(Path, offset, offset == Length
                    ? "the file ends without a last (\"XTRA\") cluster"
                    : $"truncated: a {PageSize}-byte cluster header needs {offset + PageSize - Length} more bytes");
            }

            ReadExactly(header, offset);
            var parsed = DeltaClusterHeader.Parse(header, Path, offset);
            var pagesStart = offset + PageSize;
            var pagesEnd = pagesStart + ((long)parsed.PageNumbers.Count * PageSize);
            if (pagesEnd > Length)
            {
                throw new InnoDbFormatException(Path, offset,
                    $"the cluster lists {parsed.PageNumbers.Count} pages but the file holds only {(Length - pagesStart) / PageSize} after it");
            }

            yield return new DeltaCluster(offset, pagesStart, parsed.PageNumbers, parsed.IsLast);
            offset = pagesEnd;
            if (parsed.IsLast)
            {
                if (offset != Length)
                {
                    throw new InnoDbFormatException(Path, offset, $"{Length - offset} bytes follow the last (\"XTRA\") cluster");
                }

                yield break;
            }
        }
    }

    /// <summary>Counts the pages without reading them.</summary>
    public long CountPages() => Clusters().Sum(c => (long)c.PageNumbers.Count);

    public void ReadExactly(Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(_handle, buffer[done..], offset + done);
            if (n == 0)
            {
                throw new InnoDbFormatException(Path, offset + done, "unexpected end of file");
            }

            done += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}

/// <summary>One cluster: where its header and its pages are, and which pages they are.</summary>
public sealed record DeltaCluster(long HeaderOffset, long PagesOffset, IReadOnlyList<uint> PageNumbers, bool IsLast);
