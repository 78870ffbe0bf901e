using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupDashboard.Engine.Tools;

internal enum ToolLogEvent
{
    Other,
    CopyStarted,
    CopyDone,
    LogScanned,
    Phase,
    Completed,
}

/// <summary>
/// One stderr line of mariabackup or XtraBackup, reduced to what progress needs. Three prefixes
/// are in use (the thread id is what pairs a "...done" with its "Copying"):
/// mariabackup "[01] 2026-11-21 10:14:39 msg"; XtraBackup 2.4 and 8.0 before 8.0.28
/// "220322 19:05:13 [01] msg"; XtraBackup 8.0.28+ "2022-03-22T19:15:36.142247+05:30 1 [Note]
/// [MY-011825] [Xtrabackup] msg" (pxb-docs log-enhancements.md), where a copy ends with
/// "Done: Copying SRC to DST" instead of "...done".
/// </summary>
internal readonly partial record struct ToolLogLine(ToolLogEvent Event, string? Thread, string? File, ulong? Lsn, string? Phase)
{
    public static ToolLogLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (thread, message) = SplitPrefix(line);

        if (CopyingPattern().Match(message) is { Success: true } copying)
        {
            var @event = copying.Groups["done"].Success ? ToolLogEvent.CopyDone : ToolLogEvent.CopyStarted;
            return new(@event, thread, RelativePath(copying.Groups["src"].Value), null, null);
        }

        if (FileCopiedPattern().Match(message) is { Success: true } copied)
        {
            return new(ToolLogEvent.CopyDone, thread, RelativePath(copied.Groups["src"].Value), null, null);
        }

        if (message.StartsWith("...done", StringComparison.Ordinal))
        {
            return new(ToolLogEvent.CopyDone, thread, null, null, null);
        }

        if (LogScannedPattern().Match(message) is { Success: true } scanned)
        {
            return new(ToolLogEvent.LogScanned, thread, null, Number(scanned.Groups["lsn"].Value), null);
        }

        if (StagePattern().Match(message) is { Success: true } stage)
        {
            return new(ToolLogEvent.Phase, thread, null, null, $"BACKUP STAGE {stage.Groups["stage"].Value}");
        }

        if (RedoCopiedPattern().Match(message) is { Success: true } redo)
        {
            return new(ToolLogEvent.Phase, thread, null, Number(redo.Groups["to"].Value), "Redo log copied");
        }

        if (message.Contains("to backup non-InnoDB tables and files", StringComparison.Ordinal))
        {
            return new(ToolLogEvent.Phase, thread, null, null, "Copying non-InnoDB tables and files");
        }

        return message.EndsWith(BackupArguments.CompletedOkMarker, StringComparison.Ordinal)
            ? new(ToolLogEvent.Completed, thread, null, null, "Completed")
            : new(ToolLogEvent.Other, thread, null, null, null);
    }

    /// <summary>"./db/t.ibd" and "db/t.ibd" name the same datadir file; absolute paths stay as they are.</summary>
    public static string RelativePath(string path) =>
        path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    private static (string? Thread, string Message) SplitPrefix(string line)
    {
        foreach (var pattern in new[] { MariaBackupPrefix(), XtraBackupOldPrefix(), XtraBackupPrefix() })
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                return (match.Groups["thread"].Value, match.Groups["message"].Value.Trim());
            }
        }

        return (null, line.Trim());
    }

    private static ulong? Number(string digits) =>
        ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^\[(?<thread>\d+)\] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?<message>.*)$")]
    private static partial Regex MariaBackupPrefix();

    [GeneratedRegex(@"^\d{6} +\d\d:\d\d:\d\d \[(?<thread>\d+)\](?<message>.*)$")]
    private static partial Regex XtraBackupOldPrefix();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\S+ (?<thread>\d+) \[[^\]]*\] \[[^\]]*\] \[[^\]]*\](?<message>.*)$")]
    private static partial Regex XtraBackupPrefix();

    // The target is absolute (or the stream); a greedy source keeps " to " inside file names.
    [GeneratedRegex(@"^(?<done>Done: )?(?:Copying|Streaming) (?<src>.+) to (?:/|<STDOUT>)")]
    private static partial Regex CopyingPattern();

    // mariabackup's other ways of saying a file is done: Aria tables, log tables, the Aria log tail.
    [GeneratedRegex(@"^(?:aria table file (?<src>\S+) is copied successfully|Copied file (?<src>\S+) for log table|Stop copying aria log file tail: (?<src>.+), copied \d+ bytes)")]
    private static partial Regex FileCopiedPattern();

    [GeneratedRegex(@">> log scanned up to \((?<lsn>\d+)\)")]
    private static partial Regex LogScannedPattern();

    [GeneratedRegex(@"^Start(?:ing|ed) BACKUP STAGE (?<stage>\w+)")]
    private static partial Regex StagePattern();

    // mariabackup: "Redo log (from LSN a to b) was copied."; XtraBackup: "Transaction log of lsn (a) to (b) was copied."
    [GeneratedRegex(@"(?:Redo log \(from LSN \d+ to (?<to>\d+)\)|Transaction log of lsn \(\d+\) to \((?<to>\d+)\)) was copied")]
    private static partial Regex RedoCopiedPattern();
}
