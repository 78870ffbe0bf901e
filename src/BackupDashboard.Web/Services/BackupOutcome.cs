using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Web.Services;

/// <summary>How a backup run ended, as the operator is told.</summary>
public enum BackupResult
{
    Succeeded,
    Failed,

    /// <summary>Not started because it could not work (no base for an incremental, tool missing); nothing was written.</summary>
    Refused,
}

/// <summary>The end of one run: what happened and the words to say it with.</summary>
public sealed record BackupOutcome(string Server, BackupResult Result, string Message, string? BackupId = null)
{
    /// <summary>Reads a finished run; a refusal or an unexpected error becomes an outcome instead of an exception.</summary>
    internal static BackupOutcome Of(string server, Task<BackupRecord> finishedRun)
    {
        if (finishedRun.IsCompletedSuccessfully)
        {
            var record = finishedRun.Result;
            return record.TookWhatWasAsked
                ? new(server, BackupResult.Succeeded, $"{record.Id} of {server}, to_lsn {DisplayFormat.Lsn(record.ToLsn)}.", record.Id)
                : new(server, BackupResult.Failed, $"{record.Id} of {server}: {ToolMessage(record)}", record.Id);
        }

        return finishedRun.Exception?.InnerException switch
        {
            BackupRefusedException refused => new(server, BackupResult.Refused, refused.Message),
            { } error => new(server, BackupResult.Failed, $"The backup of {server} stopped: {error.Message}"),
            null => new(server, BackupResult.Failed, $"The backup of {server} was cancelled."),
        };
    }

    /// <summary>
    /// The problem's first line says what went wrong; its last line is usually the tool's own
    /// last word (the error it died with), so the notification carries both.
    /// </summary>
    private static string ToolMessage(BackupRecord record)
    {
        var first = DisplayFormat.FirstLine(record.Problem);
        var last = record.Problem?.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        return last is null || string.Equals(last, first, StringComparison.Ordinal) ? first : $"{first} {last}";
    }
}
