using System.Globalization;
using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Jobs;

/// <summary>How a backup run reads in the job history: its state, reason, bytes, id and the tool's log.</summary>
public static class BackupJobEnding
{
    public static JobEnding Of(BackupRecord backup, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(backup);
        var state = backup.Status switch
        {
            BackupStatus.Succeeded => JobState.Succeeded,
            BackupStatus.Cancelled => JobState.Cancelled,
            _ => JobState.Failed,
        };
        var reason = state == JobState.Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"{BackupView.TypeName(backup.Kind)} backup {backup.Id}, to_lsn {backup.ToLsn}") + (note is null ? "" : $"; {note}")
                + string.Concat(BackupWarnings.ForBackup(backup).Select(w => $"{Environment.NewLine}Warning: {w}"))
            : $"Backup {backup.Id} {BackupStatusWords.NotGood(backup)}";
        return new JobEnding(state, reason, backup.Bytes, ReadLog(Path.Combine(backup.Directory, BackupLayout.LogFile)), backup.Id);
    }

    /// <summary>The log's text, or null when there is none to read (a refused run has no folder).</summary>
    public static string? ReadLog(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(the log {path} could not be read: {e.Message})";
        }
    }
}
