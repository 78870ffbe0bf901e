namespace BackupDashboard.Engine.LocalServers;

/// <summary>
/// The machine's processes as /proc shows them: each pid with its argv (/proc/PID/cmdline,
/// NUL-separated). Processes that end while we look, or are not ours to read, are left out.
/// </summary>
public static class RunningProcesses
{
    public static IEnumerable<(int Pid, string[] Argv)> WithArgv()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string[] argv;
            try
            {
                argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            yield return (pid, argv);
        }
    }
}
