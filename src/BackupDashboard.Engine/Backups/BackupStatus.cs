namespace BackupDashboard.Engine.Backups;

/// <summary>Where a backup run stands. Only <see cref="Succeeded"/> backups are bases or restore points.</summary>
public enum BackupStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Stopped on purpose: an operator's cancel, or the app's graceful stop.</summary>
    Cancelled,
}

/// <summary>A run that did not succeed, in the words every message uses.</summary>
public static class BackupStatusWords
{
    /// <summary>"failed (headline)", "was cancelled (headline)" or "has not finished".</summary>
    public static string NotGood(BackupRecord backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return backup.Status switch
        {
            BackupStatus.Failed => $"failed ({Headline(backup.Problem)})",
            BackupStatus.Cancelled => $"was cancelled ({Headline(backup.Problem)})",
            _ => "has not finished",
        };
    }

    /// <summary>The headline of a recorded problem (the tool's words follow on later lines).</summary>
    public static string Headline(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "no reason recorded" : text.Trim().Split('\n', 2)[0].Trim();
}
