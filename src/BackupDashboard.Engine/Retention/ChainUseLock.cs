namespace BackupDashboard.Engine.Retention;

/// <summary>
/// Keeps retention away from a chain a restore is using, across processes (the web app's jobs,
/// bdash): &lt;DataDir&gt;/locks/&lt;server&gt;.chain.&lt;full id&gt;.lock, held shared by every
/// restore that reads the chain and exclusively by a retention run while it deletes it. .NET
/// turns a read-only open that shares the file into a shared flock(2), and FileShare.None into an
/// exclusive one, both without waiting; a killed process lets go at once.
/// </summary>
public sealed class ChainUseLock : IDisposable
{
    private readonly FileStream _file;

    private ChainUseLock(FileStream file) => _file = file;

    /// <summary>A restore's hold on the chain, or null while a retention run is deleting it.</summary>
    public static ChainUseLock? TryUse(string locksFolder, string server, string fullId)
    {
        var path = PathOf(locksFolder, server, fullId);
        try
        {
            if (!File.Exists(path))
            {
                // Created first: a read-only open cannot create it.
                using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                }
            }

            return new ChainUseLock(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Retention's hold while it deletes the chain, or null while a restore uses it.</summary>
    public static ChainUseLock? TryDelete(string locksFolder, string server, string fullId)
    {
        try
        {
            return new ChainUseLock(new FileStream(PathOf(locksFolder, server, fullId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();

    private static string PathOf(string locksFolder, string server, string fullId)
    {
        Directory.CreateDirectory(locksFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Both parts are one plain path segment: a server name (Servers.ServerName) and a backup id.
        Servers.ServerName.Require(server);
        if (fullId.Length == 0 || fullId.Contains('/', StringComparison.Ordinal) || fullId.StartsWith('.'))
        {
            throw new ArgumentException($"'{fullId}' is not a backup id.", nameof(fullId));
        }

        return Path.Combine(locksFolder, $"{server}.chain.{fullId}.lock");
    }
}
