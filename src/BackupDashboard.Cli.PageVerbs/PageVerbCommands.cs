using System.CommandLine;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>inspect, scan and verify: the verbs the native bdash answers without bdash-core.</summary>
public static class PageVerbCommands
{
    public static IReadOnlyList<Command> Create() => [InspectCommand.Create(), ScanCommand.Create(), VerifyCommand.Create()];

    /// <summary>Whether the first argument names one of these verbs (so that the native bdash answers it).</summary>
    public static bool Names(string verb) => verb is "inspect" or "scan" or "verify";
}
