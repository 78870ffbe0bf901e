using System.Security.Cryptography;
using System.Text;
using BackupDashboard.Engine.Runs;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// One restore per target datadir at a time, whoever starts it (bdash, the web app's jobs, two
/// of either): an exclusive flock (<see cref="ExclusiveLockFile"/>, as <see cref="ServerBackupLock"/>
/// takes per server) on &lt;DataDir&gt;/locks/restore-&lt;hash&gt;.lock, named by the SHA-256 of the
/// full datadir path (a path cannot be a file name); its .holder also names the datadir
/// (docs/restore-plans.md, "Restore runs").
/// </summary>
public sealed class RestoreTargetLock : IDisposable
{
    private readonly FileStream _file;

    private RestoreTargetLock(FileStream file) => _file = file;

    /// <summary>The lock on <paramref name="dataDir"/>, or a refusal naming the process that holds it.</summary>
    public static RestoreTargetLock Acquire(string locksFolder, string dataDir)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..32];
        var (file, holder) = ExclusiveLockFile.TryOpen(locksFolder, $"restore-{hash}.lock", target);
        return file is not null
            ? new RestoreTargetLock(file)
            : throw new RestoreRefusedException($"A restore into {target} is already running ({holder}): wait for it to end, or restore elsewhere.")
            {
                TargetInUse = true,
                Field = "datadir",
            };
    }

    /// <summary>Refuses at once when another process restores into <paramref name="dataDir"/>; holds nothing.</summary>
    public static void Check(string locksFolder, string dataDir) => Acquire(locksFolder, dataDir).Dispose();

    public void Dispose() => _file.Dispose();
}
