using System.Globalization;

namespace BackupDashboard.Engine.Runs;

/// <summary>
/// Which process carries out a run, as "pid:starttime" (starttime: field 22 of /proc/PID/stat,
/// clock ticks since boot). The pair survives PID reuse: a later process with the same PID has
/// another start time. Written into each run's manifest, so that the next start of the web app
/// or bdash can tell a run that is still going from one whose process was killed.
/// </summary>
public static class RunnerProcess
{
    public static string Current { get; } = Describe(Environment.ProcessId) ?? $"{Environment.ProcessId}:?";

    /// <summary>True while the process that wrote <paramref name="runner"/> is still running.</summary>
    public static bool IsAlive(string? runner)
    {
        if (runner?.Split(':') is not [var pidText, _] || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        return Describe(pid) == runner;
    }

    private static string? Describe(int pid)
    {
        try
        {
            // The command name (field 2) may hold spaces and parentheses: count fields after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"{pid}:{fields[19]}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
