using System.Text;

namespace BackupDashboard.Engine.Runs;

/// <summary>
/// The lock file under &lt;DataDir&gt;/locks that <see cref="ServerBackupLock"/> and
/// Restores.RestoreTargetLock hold: opened with FileShare.None, which .NET turns into an exclusive
/// flock(2) on Linux, held by the open file, so a killed process lets go of it at once and nothing
/// stale is left to clean up. Who holds it is written beside it in a .holder file (the lock file
/// itself cannot be read by others while it is held: .NET's reads take a shared flock).
/// </summary>
internal static class ExclusiveLockFile
{
    /// <summary>The open lock file, or null and who holds it ("process PID") when another has it.</summary>
    public static (FileStream? File, string? Holder) TryOpen(string locksFolder, string name, string? about = null)
    {
        Directory.CreateDirectory(locksFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(locksFolder, name);
        var holderFile = Path.ChangeExtension(path, ".holder");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return (null, HolderOf(holderFile));
        }

        File.WriteAllText(holderFile, about is null ? $"{RunnerProcess.Current}\n" : $"{RunnerProcess.Current}\n{about}\n", Encoding.UTF8);
        return (file, null);
    }

    private static string HolderOf(string holderFile)
    {
        try
        {
            var pid = File.ReadLines(holderFile).FirstOrDefault()?.Split(':')[0].Trim();
            return string.IsNullOrEmpty(pid) ? "another process" : $"process {pid}";
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
