using BackupDashboard.Engine.LocalServers;

namespace BackupDashboard.Engine.Runs;

/// <summary>
/// A backup tool whose caller was killed (SIGKILL, a crash, the OOM killer) keeps running, with
/// nobody to read its output or record its end, and without the server lock its caller held.
/// When such a run is settled it is found by the one argument only it has, its own
/// --target-dir=&lt;backup folder&gt;/target, and stopped: SIGTERM, then SIGKILL.
/// </summary>
public static class OrphanTools
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Stops every process whose argv holds --target-dir=<paramref name="targetDir"/>; returns their pids.</summary>
    public static async Task<IReadOnlyList<int>> StopAsync(string targetDir, CancellationToken cancellationToken)
    {
        var argument = $"--target-dir={targetDir}";
        var found = Find(argument);
        foreach (var pid in found)
        {
            Signals.Send(pid, Signals.Terminate);
        }

        var deadline = DateTime.UtcNow + Grace;
        while (found.Any(Signals.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        foreach (var pid in found.Where(pid => Find(argument).Contains(pid)))
        {
            Signals.Send(pid, Signals.Kill);
        }

        return found;
    }

    private static List<int> Find(string argument) =>
        RunningProcesses.WithArgv()
            .Where(p => p.Pid != Environment.ProcessId && p.Argv.Contains(argument, StringComparer.Ordinal))
            .Select(p => p.Pid)
            .ToList();
}
