namespace BackupDashboard.Catalog.Entities;

/// <summary>The schedules table: one backup schedule per server (cron for fulls, optionally for incrementals, a time zone).</summary>
public sealed class ScheduleRow
{
    public required string Server { get; set; }
    public required string FullCron { get; set; }
    public string? IncrementalCron { get; set; }
    public required string TimeZone { get; set; }

    /// <summary>When to rehearse a restore of the newest restore point (cron, in <see cref="TimeZone"/>); null for never.</summary>
    public string? RehearsalCron { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
