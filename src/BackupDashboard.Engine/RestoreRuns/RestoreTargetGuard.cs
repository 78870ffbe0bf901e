using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Checks, before anything is written, that a restore may use the target datadir: no server
/// runs on it (a live pid file in it, a mariadbd/mysqld process started with it, or a registered
/// server whose datadir it is and that answers), and it is empty or absent. mariabackup itself
/// only refuses a non-empty datadir at copy-back, after the whole prepare has run.
/// </summary>
public static class RestoreTargetGuard
{
    public static async Task CheckAsync(string dataDir, IServerRegistry servers, CancellationToken cancellationToken)
    {
        if (await RunningServerAsync(dataDir, servers, cancellationToken).ConfigureAwait(false) is { } running)
        {
            throw new RestoreRefusedException($"{running}: stop it before restoring into it.", "datadir");
        }

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new RestoreRefusedException($"The target datadir {target} is not empty: restore into an empty or new directory.", "datadir");
        }
    }

    /// <summary>Which server runs on the datadir, in words ("A server (pid 42) is running on /x"); null when none does. The plan warns with it.</summary>
    public static async Task<string?> RunningServerAsync(string dataDir, IServerRegistry servers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        if (LivePidFile(target) is { } pid)
        {
            return $"A server (pid {pid}) is running on {target}";
        }

        if (ServerProcessUsing(target) is { } process)
        {
            return $"A server (process {process}) is running with --datadir={target}";
        }

        foreach (var server in await servers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(server.DataDir)), target, StringComparison.Ordinal) &&
                await AnswersAsync(server, servers, cancellationToken).ConfigureAwait(false))
            {
                return $"{target} is the datadir of the registered server '{server.Name}', which is running";
            }
        }

        return null;
    }

    private static int? LivePidFile(string target)
    {
        if (!Directory.Exists(target))
        {
            return null;
        }

        foreach (var file in Directory.EnumerateFiles(target, "*.pid"))
        {
            if (int.TryParse(File.ReadAllText(file).Trim(), out var pid) && Signals.IsAlive(pid))
            {
                return pid;
            }
        }

        return null;
    }

    private static int? ServerProcessUsing(string target) =>
        RunningProcesses.WithArgv()
            .Where(p => p.Argv.Length > 0 && Path.GetFileName(p.Argv[0]) is "mariadbd" or "mysqld" &&
                        p.Argv.Any(a => a.StartsWith("--datadir=", StringComparison.Ordinal) &&
                                        string.Equals(Path.TrimEndingDirectorySeparator(a["--datadir=".Length..]), target, StringComparison.Ordinal)))
            .Select(p => (int?)p.Pid)
            .FirstOrDefault();

    private static async Task<bool> AnswersAsync(RegisteredServer server, IServerRegistry servers, CancellationToken cancellationToken)
    {
        try
        {
            var password = await servers.GetPasswordAsync(server.Name, cancellationToken).ConfigureAwait(false);
            await using var connection = await ServerConnection.OpenAsync(ServerConnectionString.For(server, password), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MySqlConnector.MySqlException e)
        {
            // Access denied means something answered.
            return e.Number is 1045 or 1044;
        }
    }
}
