using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// Page tracking on one server, against its newest good backup (the base of the next
/// incremental): bdash server test / tracking --json and the API show it as is (snake_case).
/// </summary>
/// <param name="Applicable">False on MariaDB, which has no mysqlbackup component.</param>
/// <param name="Installed">mysql.component holds file://component_mysqlbackup.</param>
/// <param name="Tracking">mysqlbackup_page_track_get_start_lsn() is not 0.</param>
/// <param name="StartLsn">The LSN tracking data starts at; null when not tracking.</param>
/// <param name="BaseId">The newest good backup, the base of the next incremental.</param>
/// <param name="BaseToLsn">Its to_lsn.</param>
/// <param name="ChangedPages">mysqlbackup_page_track_get_changed_page_count(base to_lsn, 0), when tracking covers it.</param>
/// <param name="FullBackupNeeded">Why the next backup with page tracking must be a full; null when an incremental can use it.</param>
public sealed record PageTrackingStatus(
    [property: JsonPropertyName("applicable")] bool Applicable,
    [property: JsonPropertyName("installed")] bool Installed,
    [property: JsonPropertyName("tracking")] bool Tracking,
    [property: JsonPropertyName("start_lsn")] ulong? StartLsn,
    [property: JsonPropertyName("base_id")] string? BaseId,
    [property: JsonPropertyName("base_to_lsn")] ulong? BaseToLsn,
    [property: JsonPropertyName("changed_pages")] long? ChangedPages,
    [property: JsonPropertyName("full_backup_needed")] string? FullBackupNeeded)
{
    public static PageTrackingStatus NotApplicable { get; } = new(false, false, false, null, null, null, null, null);

    /// <summary>One line for people (bdash server test, the Servers page).</summary>
    public string Summary =>
        !Applicable ? "not applicable (MariaDB)"
        : !Installed ? "not installed"
        : (Tracking ? $"installed, tracking since LSN {StartLsn}" : "installed, not tracking")
          + (ChangedPages is { } pages ? $", {pages} pages changed since {BaseId}" : "")
          + (FullBackupNeeded is { } why ? $"; FULL BACKUP NEEDED: {why}" : "");
}

/// <summary>What a tracking action did, and the status after it.</summary>
public sealed record PageTrackingChange(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] PageTrackingStatus Status);

/// <summary>A tracking action that cannot work here (MariaDB, component not installed, a bad LSN); nothing was changed.</summary>
public sealed class PageTrackingRefusedException : Exception
{
    public PageTrackingRefusedException()
    {
    }

    public PageTrackingRefusedException(string message)
        : base(message)
    {
    }

    public PageTrackingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
