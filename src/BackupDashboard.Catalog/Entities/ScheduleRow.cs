namespace BackupDashboard.Catalog.Entities;

/// <summary>The schedules table: one backup schedule per server (cron for fulls, optionally for incrementals, a time zone).</summary>
public sealed class ScheduleRow
{
    public required string Server { get; set; }
    public required string FullCron { get; set; }
    public string? IncrementalCron { get; set; }
    public required string TimeZone { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
