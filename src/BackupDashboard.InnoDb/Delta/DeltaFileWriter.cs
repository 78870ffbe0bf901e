namespace BackupDashboard.InnoDb.Delta;

/// <summary>
/// Writes a .delta the way mariabackup's write_filt.cc does: clusters of at most
/// page_size/4 - 1 pages; a cluster is flushed only when the next page arrives, so the last
/// one is "XTRA" (even when full, and with no pages at all for an unchanged tablespace).
/// The header is written after its pages are known, by seeking back.
/// </summary>
public static class DeltaFileWriter
{
    public static void Write(Stream output, int pageSize, IEnumerable<DeltaPage> pages)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(pages);
        if (!output.CanSeek)
        {
            throw new ArgumentException("The delta writer needs a seekable stream.", nameof(output));
        }

        var capacity = DeltaClusterHeader.Capacity(pageSize);
        var header = new byte[pageSize];
        var numbers = new List<uint>(capacity);
        var headerPosition = output.Position;
        output.Write(header);
        foreach (var page in pages)
        {
            if (page.Bytes.Length != pageSize)
            {
                throw new ArgumentException($"Page {page.PageNumber} is {page.Bytes.Length} bytes, not {pageSize}.", nameof(pages));
            }

            if (numbers.Count == capacity)
            {
                Flush(output, header, headerPosition, isLast: false, numbers);
                numbers.Clear();
                headerPosition = output.Position;
                output.Write(header);
            }

            numbers.Add(page.PageNumber);
            output.Write(page.Bytes.Span);
        }

        Flush(output, header, headerPosition, isLast: true, numbers);
    }

    public static byte[] ToBytes(int pageSize, IEnumerable<DeltaPage> pages)
    {
        using var memory = new MemoryStream();
        Write(memory, pageSize, pages);
        return memory.ToArray();
    }

    private static void Flush(Stream output, byte[] header, long headerPosition, bool isLast, List<uint> numbers)
    {
        var end = output.Position;
        DeltaClusterHeader.Write(header, isLast, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(numbers));
        output.Position = headerPosition;
        output.Write(header);
        output.Position = end;
    }
}

/// <summary>A page to put in a delta, with the page number its header slot will claim.</summary>
public readonly record struct DeltaPage(uint PageNumber, ReadOnlyMemory<byte> Bytes);
