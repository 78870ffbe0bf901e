using BackupDashboard.Engine.Schedules;
using Cronos;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// Whether a server's backups are overdue (docs/notifications.md, "Overdue"): the newest fire of
/// its schedule, full or incremental, that is at least <c>grace</c> old is the one that should have
/// produced a restore point by now; the server is overdue when its newest restore point is older
/// than that fire, or there is none. Fires before <c>scheduledSince</c> do not count, so a schedule
/// just set is not overdue for the fires it never had.
/// </summary>
public static class OverdueCheck
{
    /// <param name="schedule">Null: the server has no schedule and is never overdue.</param>
    /// <param name="newest">When the newest good backup (of any kind) started; null if there is none.</param>
    /// <param name="now">The present moment.</param>
    /// <param name="grace">How long a fire's backup may take to become a restore point.</param>
    /// <param name="scheduledSince">When the schedule was set, if known; null counts every past fire.</param>
    public static OverdueVerdict Judge(BackupSchedule? schedule, DateTimeOffset? newest, DateTimeOffset now, TimeSpan grace, DateTimeOffset? scheduledSince = null)
    {
        if (schedule is null)
        {
            return new OverdueVerdict(false, null, newest, grace);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        var due = now - grace;
        var expected = new[] { schedule.FullCron, schedule.IncrementalCron }
            .OfType<string>()
            .Select(cron => CronExpression.Parse(cron).GetPreviousOccurrence(due, zone, inclusive: true))
            .Max();
        if (expected is null || expected < scheduledSince)
        {
            return new OverdueVerdict(false, null, newest, grace);
        }

        // A backup started at its fire (or later, waiting for another run) is as new as the fire.
        return new OverdueVerdict(newest is null || newest < expected, expected, newest, grace);
    }
}
