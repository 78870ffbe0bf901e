using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Tests.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests.Schedules;

public class ScheduleTests
{
    [Fact]
    public void A_weekly_full_with_daily_incrementals_leaves_the_full_s_day_to_the_full()
    {
        var (schedule, _, problem) = new ScheduleRequest(FullWeekly: "sun@02:00", IncrementalDaily: "02:00", TimeZone: "Europe/Berlin").Resolve("shop");

        Assert.Null(problem);
        Assert.Equal(("0 2 * * 0", "0 2 * * 1,2,3,4,5,6"), (schedule!.FullCron, schedule.IncrementalCron));
        // Saturday noon, December: CET is UTC+1.
        var fires = schedule.NextFires(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero), 3);
        Assert.Equal(
            [(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero), BackupKind.Full), (new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero), BackupKind.Incremental),
             (new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero), BackupKind.Incremental)],
            fires);
    }

    [Fact]
    public void A_daily_full_with_incrementals_every_six_hours_and_the_time_zone_s_summer_time()
    {
        var (schedule, _, _) = new ScheduleRequest(FullDaily: "02:30", IncrementalEveryHours: 6, TimeZone: "Europe/Berlin").Resolve("shop");

        Assert.Equal(("30 2 * * *", "30 8,14,20 * * *"), (schedule!.FullCron, schedule.IncrementalCron));
        // Across the switch to summer time (29 March 2026, 02:00 CET becomes 03:00 CEST): 08:30 is UTC+2 after it.
        var fires = schedule.NextFires(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), 2);
        Assert.Equal(BackupKind.Full, fires[0].Kind);
        Assert.Equal((new DateTimeOffset(2026, 3, 29, 6, 30, 0, TimeSpan.Zero), BackupKind.Incremental), fires[1]);
    }

    [Fact]
    public void Cron_expressions_that_fire_together_run_the_full_only()
    {
        var (schedule, _, _) = new ScheduleRequest(FullCron: "*/3 * * * *", IncrementalCron: "* * * * *").Resolve("shop");

        var fires = schedule!.NextFires(new DateTimeOffset(2026, 12, 2, 10, 0, 30, TimeSpan.Zero), 4);

        Assert.Equal([BackupKind.Incremental, BackupKind.Incremental, BackupKind.Full, BackupKind.Incremental], fires.Select(f => f.Kind));
        Assert.Equal("UTC", schedule.TimeZone);
        // The incremental job of 10:03 (started a few seconds late) is covered by the full of 10:03; the one of 10:04 is not.
        Assert.True(schedule.FullFiresWith(new DateTimeOffset(2026, 12, 2, 10, 3, 0, TimeSpan.Zero)));
        Assert.True(schedule.FullFiresWith(new DateTimeOffset(2026, 12, 2, 10, 3, 20, TimeSpan.Zero)));
        Assert.False(schedule.FullFiresWith(new DateTimeOffset(2026, 12, 2, 10, 4, 0, TimeSpan.Zero)));
        Assert.False(schedule.FullFiresWith(new DateTimeOffset(2026, 12, 2, 10, 2, 59, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(null, null, null, null, null, null, "full")]
    [InlineData("sun@02:00", null, "02:00", null, null, null, "full")]
    [InlineData("sunday@25:00", null, null, null, null, null, "full_weekly")]
    [InlineData("sun@02:00", null, null, 6, null, null, "incremental_daily")]
    [InlineData(null, null, "02:00", 0, null, null, "incremental_every_hours")]
    [InlineData(null, "03:00", "02:00", null, null, null, "incremental_every_hours")]
    [InlineData(null, null, null, null, "every night", null, "full_cron")]
    [InlineData(null, null, null, null, "0 2 * * *", "61 * * * *", "incremental_cron")]
    [InlineData(null, null, "02:00", null, null, null, "time_zone", "Mars/Olympus")]
    public void A_schedule_that_is_not_one_names_its_field(string? weekly, string? daily, string? fullDaily, int? every, string? fullCron, string? incrementalCron, string field, string? zone = null)
    {
        var (schedule, at, problem) = new ScheduleRequest(weekly, daily, fullDaily, every, fullCron, incrementalCron, zone).Resolve("shop");

        Assert.Null(schedule);
        Assert.Equal(field, at);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void A_scheduled_incremental_without_a_sound_base_runs_as_a_full_and_says_why()
    {
        var (kind, why) = ScheduledKind.Decide("db", BackupKind.Incremental, []);
        Assert.Equal(BackupKind.Full, kind);
        Assert.StartsWith("Scheduled as an incremental, run as a full: ", why, StringComparison.Ordinal);

        using var chain = ChainOnDisk.Linear(2);
        Assert.Equal((BackupKind.Incremental, (string?)null), ScheduledKind.Decide("db", BackupKind.Incremental, chain.Backups));
        Assert.Equal((BackupKind.Full, (string?)null), ScheduledKind.Decide("db", BackupKind.Full, chain.Backups));
    }
}
