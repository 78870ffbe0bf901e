using System.Runtime.InteropServices;
using BackupDashboard.Cli.PageVerbs;

namespace BackupDashboard.Cli.Native;

/// <summary>
/// Replaces this process with bdash-core, installed beside bdash, with the same arguments and
/// environment. exec rather than a child process: the pid, the signals (Ctrl-C, a kill from a
/// supervisor), stdin/stdout and the exit code are then bdash-core's own, with nothing between.
/// </summary>
internal static unsafe partial class CoreHandOff
{
    public const string CoreName = "bdash-core";

    public static int Run(string[] args)
    {
        var core = Path.Combine(AppContext.BaseDirectory, CoreName);
        if (!File.Exists(core))
        {
            Console.Error.WriteLine($"bdash: {core} is missing. bdash answers inspect, scan and verify itself and every other verb through bdash-core; install both with scripts/publish-bdash.sh.");
            return ExitCodes.Failed;
        }

        // argv[0] stays "bdash", the name the operator typed (ps shows it); bdash-core names itself bdash in help (BdashRoot).
        string[] argv = ["bdash", .. args];
        var pointers = new nint[argv.Length + 1];
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }

            fixed (nint* vector = pointers)
            {
                Exec(core, vector);
            }

            // Only a failed exec returns.
            Console.Error.WriteLine($"bdash: cannot start {core}: {Marshal.GetLastPInvokeErrorMessage()}");
            return ExitCodes.Failed;
        }
        finally
        {
            foreach (var pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Exec(string path, nint* argv);
}
