using System.Runtime.InteropServices;
using BackupDashboard.Engine.Restores;
using Microsoft.Win32.SafeHandles;

namespace BackupDashboard.Engine.RestoreRuns;

/// <summary>
/// Gives a working copy made with cp --sparse=always the blocks its zero runs had in the stored
/// backup (docs/restore-plans.md, "The working copy"). cp leaves every all-zero block out as a
/// hole instead of writing it; fallocate(2) mode 0 then allocates each hole as an unwritten
/// extent, which reads as zeros and costs no data write. Without it the restored datadir would
/// be sparse where the server's was not, and a page write into a hole could fail for want of
/// space long after the restore. A stored file that has holes of its own (page-compressed
/// tablespaces punch them) keeps them: its copy is left as cp made it.
/// </summary>
public static partial class HoleAllocation
{
    private const int SeekHole = 4;
    private const int NotSupported = 95;

    /// <summary>
    /// Allocates the holes of every file under <paramref name="copy"/> unless its counterpart
    /// under <paramref name="stored"/> has holes too. Returns what it did in words, one line per file
    /// allocated, for the step's log; throws <see cref="IOException"/> naming the file when
    /// fallocate fails (no space: the free-space check said there was).
    /// </summary>
    public static IReadOnlyList<string> Allocate(string copy, string stored)
    {
        var said = new List<string>();
        foreach (var file in Directory.EnumerateFiles(copy, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var original = Path.Combine(stored, Path.GetRelativePath(copy, file));
            // A file the full does not hold (a tablespace an incremental created) is allocated too, as --copy-back would write it.
            if (new FileInfo(file).LinkTarget is not null || (File.Exists(original) && HasHole(original)))
            {
                continue;
            }

            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite);
            var length = RandomAccess.GetLength(handle);
            if (length == 0 || FirstHole(handle) >= length)
            {
                continue;
            }

            var error = fallocate(Descriptor(handle), 0, 0, length) == 0 ? 0 : Marshal.GetLastPInvokeError();
            if (error == NotSupported)
            {
                said.Add($"{file}: this file system cannot allocate without writing (fallocate: not supported); the copy stays sparse");
                return said;
            }

            if (error != 0)
            {
                throw new IOException($"Allocating the zero blocks of {file} ({length} bytes) failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}).");
            }

            said.Add($"allocated the holes of {file} ({length} bytes)");
        }

        return said;
    }

    /// <summary>Allocates <paramref name="holes"/>, saying what it did in the step's log; false (and why, in the log) when it failed.</summary>
    public static async Task<bool> RunAsync(HolesToAllocate holes, StreamWriter log)
    {
        ArgumentNullException.ThrowIfNull(holes);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            var said = Allocate(holes.PreparedDir, holes.StoredFull);
            foreach (var line in said)
            {
                await log.WriteLineAsync(line).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await log.WriteLineAsync(e.Message).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Whether a file has a hole before its end (lseek SEEK_HOLE finds one only there).</summary>
    public static bool HasHole(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        return FirstHole(handle) < RandomAccess.GetLength(handle);
    }

    private static long FirstHole(SafeFileHandle handle)
    {
        var at = lseek(Descriptor(handle), 0, SeekHole);
        // A file system without SEEK_HOLE answers the file's end: no hole, nothing to do.
        return at < 0 ? long.MaxValue : at;
    }

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    [LibraryImport("libc", SetLastError = true)]
    private static partial long lseek(int fd, long offset, int whence);

    /// <summary>fallocate(2) with mode 0: allocates the range's holes as unwritten extents; data already there is kept.</summary>
    [LibraryImport("libc", SetLastError = true)]
    private static partial int fallocate(int fd, int mode, long offset, long length);
}
