using System.Runtime.InteropServices;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Claims a new backup folder whose id no other backup in the repository has, whichever server
/// it belongs to (docs/formats/manifest.md, "Backup ids"). Two processes starting backups in
/// the same second (bdash from cron and the web app, or two servers) are serialised by an
/// exclusive lock on &lt;repository&gt;/.new-backup.lock while one looks for a free id, and the
/// folder itself is made with mkdir(2), which fails rather than share a folder that exists.
/// </summary>
internal static partial class BackupFolderClaim
{
    public const string LockFile = ".new-backup.lock";
    private const int FileExists = 17; // EEXIST
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>The new folder &lt;repository&gt;/&lt;server&gt;/&lt;id&gt;, created empty; its name is the backup id.</summary>
    public static string Claim(string repository, string server, string baseId)
    {
        var serverFolder = Path.GetDirectoryName(BackupLayout.BackupFolder(repository, server, baseId))!;
        Directory.CreateDirectory(serverFolder);
        using var held = Lock(repository);
        for (var n = 1; n < 1000; n++)
        {
            var id = n == 1 ? baseId : $"{baseId}-{n}";
            if (IdTaken(repository, id))
            {
                continue;
            }

            var folder = BackupLayout.BackupFolder(repository, server, id);
            if (mkdir(folder, 0b111_101_000) == 0)
            {
                return folder;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != FileExists)
            {
                throw new IOException($"Cannot create the backup folder {folder}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
            }
        }

        throw new IOException($"No free backup id from {baseId} to {baseId}-999 in {repository}.");
    }

    /// <summary>True when any server's folder in the repository already holds this id.</summary>
    private static bool IdTaken(string repository, string id) =>
        Directory.EnumerateDirectories(repository).Any(serverFolder => Path.Exists(Path.Combine(serverFolder, id)));

    private static FileStream Lock(string repository)
    {
        var path = Path.Combine(repository, LockFile);
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock(2) on Linux, released when the process dies.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdir(string path, uint mode);
}
