using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// A full every 3 minutes and an incremental every minute, across a stop of the dashboard of a
/// little over three minutes: the right types, never two runs at once, every chain valid, and the
/// fires missed while it was down run once each, not once per missed slot. About six minutes.
/// </summary>
public sealed class ScheduleAcrossRestartTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-schedule-restart-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task Fires_run_in_order_across_a_restart_and_missed_slots_run_once()
    {
        DateTimeOffset restarted;
        using (var first = Dashboard())
        {
            using var client = await first.CreateSignedInClientAsync();
            await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
            await first.Services.GetRequiredService<IScheduleCatalog>().SaveAsync(new BackupSchedule("shop", "*/3 * * * *", "* * * * *", "UTC"), CancellationToken.None);
            var catalog = first.Services.GetRequiredService<IBackupCatalog>();
            // Stopped between fires (mid-minute, nothing running), so that no run is cut short by the stop.
            Assert.True(await Eventually.HoldsAsync(
                () => Finished(catalog) >= 2 && Backups(catalog).All(b => b.Status != BackupStatus.Running) && DateTime.UtcNow.Second is > 20 and < 40,
                TimeSpan.FromMinutes(4)));
        }

        // Down for three minutes and ten seconds: three incremental slots and at least one full slot go by.
        await Task.Delay(TimeSpan.FromSeconds(190));
        using var second = Dashboard();
        restarted = DateTimeOffset.UtcNow;
        var after = second.Services.GetRequiredService<IBackupCatalog>();
        var before = Finished(after);
        Assert.True(await Eventually.HoldsAsync(() => Finished(after) >= before + 3, TimeSpan.FromMinutes(3)));

        var all = Backups(after).Where(b => b.Status != BackupStatus.Running).ToList();
        Assert.All(all, b => Assert.Equal(BackupStatus.Succeeded, b.Status));
        Assert.Equal(BackupKind.Full, all[0].Kind);
        Assert.Contains(all, b => b.Kind == BackupKind.Incremental);
        Assert.Contains(all.Skip(1), b => b.Kind == BackupKind.Full);
        for (var i = 1; i < all.Count; i++)
        {
            Assert.True(all[i].StartedAt >= all[i - 1].EndedAt, $"{all[i].Id} started before {all[i - 1].Id} had ended");
        }

        Assert.All(ChainBuilder.Build(all), chain => Assert.True(chain.Valid, string.Join("; ", chain.Reasons)));
        // The missed slots (at least one full's, three incrementals'): right after the start and before the
        // next regular fire, one run for each recurring job at most, not one per slot.
        var nextMinute = new DateTimeOffset(restarted.Year, restarted.Month, restarted.Day, restarted.Hour, restarted.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var catchUp = all.Where(b => b.StartedAt >= restarted && b.StartedAt < nextMinute).ToList();
        Assert.InRange(catchUp.Count, 1, 2);
        Assert.Contains(catchUp, b => b.Kind == BackupKind.Full);
    }

    private DashboardFactory Dashboard()
    {
        var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:Jobs:ScheduleSyncInterval"] = "00:00:01";
        return factory;
    }

    private static int Finished(IBackupCatalog catalog) => Backups(catalog).Count(b => b.Status != BackupStatus.Running);

    private static List<BackupRecord> Backups(IBackupCatalog catalog) =>
        [.. catalog.ListAsync("shop", CancellationToken.None).GetAwaiter().GetResult().OrderBy(b => b.StartedAt)];

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
