namespace BackupDashboard.Engine.Tools;

/// <summary>One physical backup tool: its capabilities by version, its command lines, its verdict.</summary>
public interface IBackupTool
{
    BackupToolKind Kind { get; }

    ToolCapabilities CapabilitiesFor(Version version);

    /// <summary>
    /// The argv of a backup. --defaults-extra-file comes first (the MySQL/MariaDB option parser
    /// refuses it anywhere else: "--defaults-extra-file must be specified first on the command
    /// line"), then --backup --target-dir and the rest. Never a password.
    /// </summary>
    ToolInvocation Backup(BackupRequest request, string defaultsExtraFile);

    /// <summary>A run succeeded only if it exited 0 and its last stderr line ends with "completed OK!".</summary>
    bool CompletedOk(ToolRunResult result);
}
