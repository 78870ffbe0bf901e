using BackupDashboard.Engine.Notifications;
using BackupDashboard.Engine.Schedules;

namespace BackupDashboard.Engine.Tests.Notifications;

public class OverdueCheckTests
{
    // A daily full at 02:00 in Berlin: 01:00 UTC in winter (CET), 00:00 UTC in summer (CEST).
    private static readonly BackupSchedule DailyFull = new("shop", "0 2 * * *", null, "Europe/Berlin");
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset TodaysFire = Utc(2026, 1, 15, 1, 0);

    [Fact]
    public void A_restore_point_from_before_the_last_fire_is_overdue()
    {
        var verdict = OverdueCheck.Judge(DailyFull, Utc(2026, 1, 14, 1, 0, 7), Utc(2026, 1, 15, 9, 0), Grace);

        Assert.Equal(new OverdueVerdict(true, TodaysFire, Utc(2026, 1, 14, 1, 0, 7), Grace), verdict);
    }

    [Fact]
    public void A_restore_point_from_the_last_fire_is_not()
    {
        var verdict = OverdueCheck.Judge(DailyFull, Utc(2026, 1, 15, 1, 0, 5), Utc(2026, 1, 15, 9, 0), Grace);

        Assert.False(verdict.IsOverdue);
        Assert.Equal(TodaysFire, verdict.Expected);
    }

    [Fact]
    public void Within_the_grace_the_fire_before_is_the_one_expected()
    {
        var yesterdays = Utc(2026, 1, 14, 1, 0, 7);

        Assert.Equal(new OverdueVerdict(false, Utc(2026, 1, 14, 1, 0), yesterdays, Grace), OverdueCheck.Judge(DailyFull, yesterdays, Utc(2026, 1, 15, 1, 29), Grace));
        Assert.Equal(new OverdueVerdict(true, TodaysFire, yesterdays, Grace), OverdueCheck.Judge(DailyFull, yesterdays, Utc(2026, 1, 15, 1, 30), Grace));
    }

    [Fact]
    public void The_fire_is_read_in_the_schedule_s_time_zone_in_summer_too()
    {
        var verdict = OverdueCheck.Judge(DailyFull, Utc(2026, 7, 14, 23, 59), Utc(2026, 7, 15, 6, 0), Grace);

        Assert.Equal(new OverdueVerdict(true, Utc(2026, 7, 15, 0, 0), Utc(2026, 7, 14, 23, 59), Grace), verdict);
    }

    [Fact]
    public void No_schedule_is_never_overdue()
    {
        Assert.Equal(new OverdueVerdict(false, null, null, Grace), OverdueCheck.Judge(null, null, Utc(2026, 1, 15, 9, 0), Grace));
    }

    [Fact]
    public void No_backup_at_all_is_overdue_once_a_fire_since_the_schedule_was_set_has_passed()
    {
        var setAt = Utc(2026, 1, 15, 5, 0);

        Assert.False(OverdueCheck.Judge(DailyFull, null, Utc(2026, 1, 15, 9, 0), Grace, setAt).IsOverdue);
        Assert.False(OverdueCheck.Judge(DailyFull, null, Utc(2026, 1, 16, 1, 29), Grace, setAt).IsOverdue);
        Assert.Equal(new OverdueVerdict(true, Utc(2026, 1, 16, 1, 0), null, Grace), OverdueCheck.Judge(DailyFull, null, Utc(2026, 1, 16, 1, 30), Grace, setAt));
        // Not knowing when the schedule was set, the last fire counts.
        Assert.Equal(new OverdueVerdict(true, TodaysFire, null, Grace), OverdueCheck.Judge(DailyFull, null, Utc(2026, 1, 15, 9, 0), Grace));
    }

    [Fact]
    public void An_incremental_fire_expects_a_restore_point_too()
    {
        // Weekly full on Sunday, incrementals on the other days at 02:00; 15 January 2026 is a Thursday.
        var weekly = new BackupSchedule("shop", "0 2 * * 0", "0 2 * * 1,2,3,4,5,6", "Europe/Berlin");

        Assert.True(OverdueCheck.Judge(weekly, Utc(2026, 1, 11, 1, 0, 9), Utc(2026, 1, 15, 9, 0), Grace).IsOverdue);
        Assert.False(OverdueCheck.Judge(weekly, Utc(2026, 1, 15, 1, 0, 9), Utc(2026, 1, 15, 9, 0), Grace).IsOverdue);
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) => new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
