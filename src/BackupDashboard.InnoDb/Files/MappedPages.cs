using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace BackupDashboard.InnoDb.Files;

/// <summary>
/// A read-only memory mapping of a page range of a tablespace file. Reading through a mapping
/// skips the copy from the page cache that read() makes, and one page fault brings in a run of
/// cached pages, where reading 8 bytes per page with pread costs a system call each.
///
/// Only for files InnoDB never shrinks in place: a mapped file that is truncated under us
/// raises SIGBUS and kills the process. Per-table .ibd files are only ever extended (TRUNCATE
/// and OPTIMIZE write a new file), so <see cref="IsSafeFor"/> admits them; undo and system
/// tablespaces (undo truncation, system tablespace shrinking in newer MariaDB) are read with
/// pread instead.
/// </summary>
internal sealed unsafe class MappedPages : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;

    public MappedPages(SafeFileHandle handle, long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, int.MaxValue);
        if (offset + length > RandomAccess.GetLength(handle))
        {
            throw new IOException($"The file is shorter than when it was listed: {offset + length} bytes expected.");
        }

        Length = (int)length;
        _map = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + _view.PointerOffset;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(_start, Length);

    public static bool IsSafeFor(string path) => path.EndsWith(".ibd", StringComparison.Ordinal);

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
