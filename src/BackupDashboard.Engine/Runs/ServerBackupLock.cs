using System.Text;

namespace BackupDashboard.Engine.Runs;

/// <summary>
/// One backup per server at a time, whoever starts it: the web app's jobs, bdash, two cron'd
/// bdash. A lock file per server under &lt;DataDir&gt;/locks, opened with FileShare.None, which
/// .NET turns into an exclusive flock(2) on Linux: held by the open file, so a killed process
/// lets go of it at once and nothing stale is left to clean up. Who holds it is written beside it
/// (the lock file itself cannot be read by others while it is held: .NET's reads take a shared
/// flock).
/// </summary>
public sealed class ServerBackupLock : IDisposable
{
    private readonly FileStream _file;

    private ServerBackupLock(FileStream file) => _file = file;

    /// <summary>The lock, or null with who holds it when another run has it.</summary>
    public static (ServerBackupLock? Lock, string? Holder) TryAcquire(string locksFolder, string server)
    {
        Directory.CreateDirectory(locksFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(locksFolder, $"{Servers.ServerName.Require(server)}.backup.lock");
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

        File.WriteAllText(holderFile, $"{RunnerProcess.Current}\n", Encoding.UTF8);
        return (new ServerBackupLock(file), null);
    }

    public void Dispose() => _file.Dispose();

    private static string HolderOf(string holderFile)
    {
        try
        {
            var pid = File.ReadAllText(holderFile).Split(':')[0].Trim();
            return pid.Length == 0 ? "another process" : $"process {pid}";
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
