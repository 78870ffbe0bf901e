using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>bdash schedule set|show|remove against the catalog the dashboard reads.</summary>
public sealed class ScheduleTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-schedule-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    [Fact]
    public async Task A_weekly_schedule_is_set_shown_with_its_next_fires_and_removed()
    {
        var bdash = new Bdash(_data.Path);
        await bdash.AddFakeXtraBackupServerAsync("shop", _datadir.Path);

        var set = await bdash.JsonAsync("schedule", "set", "shop", "--full-weekly", "sun@02:00", "--incremental-daily", "02:00", "--time-zone", "Europe/Berlin");
        Assert.Equal(("0 2 * * 0", "0 2 * * 1,2,3,4,5,6", "Europe/Berlin"),
            (set.GetProperty("full_cron").GetString(), set.GetProperty("incremental_cron").GetString(), set.GetProperty("time_zone").GetString()));
        var fires = set.GetProperty("next_fires").EnumerateArray().ToList();
        Assert.Equal(5, fires.Count);
        Assert.All(fires, f => Assert.Equal("02:00", f.GetProperty("local").GetDateTimeOffset().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));

        var shown = await bdash.RunAsync("schedule", "show", "shop");
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("fulls '0 2 * * 0'", shown.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await bdash.RunAsync("schedule", "remove", "shop")).ExitCode);
        var gone = await bdash.RunAsync("schedule", "show", "shop");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("has no backup schedule", gone.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop", "--full-daily|02:00|--full-cron|0 2 * * *", "--full-weekly/--full-daily/--full-cron")]
    [InlineData("shop", "--full-daily|02:00|--incremental-every-hours|0", "--incremental-every-hours")]
    [InlineData("shop", "--full-weekly|someday@02:00", "--full-weekly")]
    [InlineData("shop", "--full-cron|every night", "--full-cron")]
    [InlineData("shop", "--full-daily|02:00|--time-zone|Mars/Olympus", "--time-zone")]
    [InlineData("nosuch", "--full-daily|02:00", "No server 'nosuch' is registered.")]
    public async Task A_schedule_that_is_not_one_exits_2_naming_the_option(string server, string args, string said)
    {
        var bdash = new Bdash(_data.Path);
        await bdash.AddFakeXtraBackupServerAsync("shop", _datadir.Path);

        var run = await bdash.RunAsync(["schedule", "set", server, .. args.Split('|')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(said, run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
