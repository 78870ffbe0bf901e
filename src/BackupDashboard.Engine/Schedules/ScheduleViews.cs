using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Schedules;

/// <summary>A schedule as bdash schedule show --json and GET /api/servers/{name}/schedule answer (snake_case).</summary>
public sealed record ScheduleView(string Server, string FullCron, string? IncrementalCron, string TimeZone, IReadOnlyList<NextFireView> NextFires)
{
    /// <summary>When restores are rehearsed (cron in the same time zone); null for never.</summary>
    public string? RehearsalCron { get; init; }

    public static ScheduleView From(BackupSchedule schedule, DateTimeOffset now, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        return new(schedule.Server, schedule.FullCron, schedule.IncrementalCron, schedule.TimeZone,
            [.. schedule.NextFires(now, count).Select(f => new NextFireView(f.At, TimeZoneInfo.ConvertTime(f.At, zone), f.Kind == BackupKind.Full ? "full" : "incremental"))])
        {
            RehearsalCron = schedule.RehearsalCron,
        };
    }
}

public sealed record NextFireView(DateTimeOffset At, DateTimeOffset Local, string Type);
