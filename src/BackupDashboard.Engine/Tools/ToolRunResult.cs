namespace BackupDashboard.Engine.Tools;

/// <summary>
/// How a tool run ended. <paramref name="LastStderrLine"/> is the last non-blank line the tool
/// wrote to stderr: both mariabackup and XtraBackup end a good run with "… completed OK!" there.
/// </summary>
public sealed record ToolRunResult(int ExitCode, bool Canceled, TimeSpan Duration, string? LastStderrLine);
