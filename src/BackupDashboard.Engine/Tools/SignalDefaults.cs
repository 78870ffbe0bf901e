using System.Diagnostics;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Whether this machine's env(1) can reset ignored signals (<c>--default-signal</c>, coreutils
/// 8.31 and later; RHEL 8 and Ubuntu 20.04 ship 8.30). Asked once by running it. Where it cannot,
/// tools start directly: they may then inherit an ignored SIGINT/SIGTERM from a background job,
/// and a stop falls through to SIGKILL after the grace period (ToolProcess).
/// </summary>
public static class SignalDefaults
{
    public const string Env = "/usr/bin/env";
    public const string Option = "--default-signal=INT,TERM";

    private static readonly Lazy<bool> Supported = new(() => EnvCanReset(Env));

    public static bool Available => Supported.Value;

    public static bool EnvCanReset(string env)
    {
        if (!File.Exists(env))
        {
            return false;
        }

        try
        {
            var start = new ProcessStartInfo(env) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Option);
            start.ArgumentList.Add("true");
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
