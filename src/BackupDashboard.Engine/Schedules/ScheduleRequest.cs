using System.Globalization;

namespace BackupDashboard.Engine.Schedules;

/// <summary>
/// A schedule in the forms operators use (docs/schedules.md), as bdash schedule set and
/// PUT /api/servers/{name}/schedule take it: exactly one way to give the fulls, and with it
/// the matching way for incrementals, or none:
/// <list type="bullet">
/// <item>full weekly "sun@02:00", incrementals daily "02:00" on the other six days;</item>
/// <item>full daily "02:00", an incremental every N hours from it;</item>
/// <item>cron expressions for each.</item>
/// </list>
/// Times are read in <see cref="TimeZone"/> (default UTC).
/// </summary>
public sealed record ScheduleRequest(
    string? FullWeekly = null,
    string? IncrementalDaily = null,
    string? FullDaily = null,
    int? IncrementalEveryHours = null,
    string? FullCron = null,
    string? IncrementalCron = null,
    string? TimeZone = null,
    string? RehearsalCron = null)
{
    /// <summary>The schedule, or the first field at fault and why.</summary>
    public (BackupSchedule? Schedule, string? Field, string? Problem) Resolve(string server)
    {
        var forms = new[] { FullWeekly, FullDaily, FullCron }.Count(f => f is not null);
        if (forms != 1)
        {
            return (null, "full", "Give exactly one of full_weekly (day@HH:MM), full_daily (HH:MM) or full_cron.");
        }

        var (full, incremental, field, problem) = FullWeekly is not null ? Weekly()
            : FullDaily is not null ? Daily()
            : IncrementalDaily is not null || IncrementalEveryHours is not null
                ? (null, null, "incremental_cron", "With full_cron, give incrementals as incremental_cron.")
                : (FullCron, IncrementalCron, null, null);
        if (problem is not null)
        {
            return (null, field, problem);
        }

        var schedule = new BackupSchedule(server, full!, incremental, string.IsNullOrWhiteSpace(TimeZone) ? "UTC" : TimeZone) { RehearsalCron = RehearsalCron };
        return schedule.Problems() is [var (f, p), ..] ? (null, f, p) : (schedule, null, null);
    }

    private (string?, string?, string?, string?) Weekly()
    {
        if (IncrementalEveryHours is not null || IncrementalCron is not null)
        {
            return (null, null, "incremental_daily", "With full_weekly, give incrementals as incremental_daily (HH:MM).");
        }

        var parts = FullWeekly!.Split('@');
        if (parts.Length != 2 || !TryDay(parts[0], out var day) || !TryTime(parts[1], out var fullAt))
        {
            return (null, null, "full_weekly", $"full_weekly '{FullWeekly}' is a day and a time: sun@02:00, mon@23:30.");
        }

        string? incremental = null;
        if (IncrementalDaily is not null)
        {
            if (!TryTime(IncrementalDaily, out var incrementalAt))
            {
                return (null, null, "incremental_daily", $"incremental_daily '{IncrementalDaily}' is a time: 02:00, 23:30.");
            }

            var otherDays = string.Join(',', Enumerable.Range(0, 7).Where(d => d != (int)day));
            incremental = string.Create(CultureInfo.InvariantCulture, $"{incrementalAt.Minute} {incrementalAt.Hour} * * {otherDays}");
        }

        return (string.Create(CultureInfo.InvariantCulture, $"{fullAt.Minute} {fullAt.Hour} * * {(int)day}"), incremental, null, null);
    }

    private (string?, string?, string?, string?) Daily()
    {
        if (IncrementalDaily is not null || IncrementalCron is not null)
        {
            return (null, null, "incremental_every_hours", "With full_daily, give incrementals as incremental_every_hours (1 to 23).");
        }

        if (!TryTime(FullDaily!, out var at))
        {
            return (null, null, "full_daily", $"full_daily '{FullDaily}' is a time: 02:00, 23:30.");
        }

        string? incremental = null;
        if (IncrementalEveryHours is { } every)
        {
            if (every is < 1 or > 23)
            {
                return (null, null, "incremental_every_hours", string.Create(CultureInfo.InvariantCulture, $"incremental_every_hours is from 1 to 23, not {every}."));
            }

            // Every N hours from the full's hour, around the clock, the full's own hour left to the full.
            var hours = Enumerable.Range(1, 23).Where(k => k % every == 0).Select(k => (at.Hour + k) % 24).Order();
            incremental = string.Create(CultureInfo.InvariantCulture, $"{at.Minute} {string.Join(',', hours)} * * *");
        }

        return (string.Create(CultureInfo.InvariantCulture, $"{at.Minute} {at.Hour} * * *"), incremental, null, null);
    }

    private static bool TryTime(string text, out TimeOnly at) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    private static bool TryDay(string text, out DayOfWeek day)
    {
        var name = text.Trim();
        var index = Array.FindIndex(Enum.GetNames<DayOfWeek>(), d => d.Equals(name, StringComparison.OrdinalIgnoreCase) || d[..3].Equals(name, StringComparison.OrdinalIgnoreCase));
        day = (DayOfWeek)Math.Max(index, 0);
        return index >= 0;
    }
}
