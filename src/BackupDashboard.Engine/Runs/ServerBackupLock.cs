namespace BackupDashboard.Engine.Runs;

/// <summary>
/// One backup per server at a time, whoever starts it: the web app's jobs, bdash, two cron'd
/// bdash. A lock file per server, &lt;DataDir&gt;/locks/&lt;server&gt;.backup.lock (<see cref="ExclusiveLockFile"/>).
/// </summary>
public sealed class ServerBackupLock : IDisposable
{
    private readonly FileStream _file;

    private ServerBackupLock(FileStream file) => _file = file;

    /// <summary>The lock, or null with who holds it when another run has it.</summary>
    public static (ServerBackupLock? Lock, string? Holder) TryAcquire(string locksFolder, string server)
    {
        var (file, holder) = ExclusiveLockFile.TryOpen(locksFolder, $"{Servers.ServerName.Require(server)}.backup.lock");
        return file is null ? (null, holder) : (new ServerBackupLock(file), null);
    }

    public void Dispose() => _file.Dispose();
}
