using System.Runtime.InteropServices;

namespace BackupDashboard.Engine.LocalServers;

/// <summary>
/// POSIX signals. .NET's Process.Kill only sends SIGKILL; a server or backup tool must first be
/// asked to stop (SIGTERM/SIGINT) so it can flush and clean up.
/// </summary>
public static partial class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when no such process.</summary>
    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>True when a process with this pid exists (signal 0 probes without sending).</summary>
    public static bool IsAlive(int pid) => pid > 0 && kill(pid, 0) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
