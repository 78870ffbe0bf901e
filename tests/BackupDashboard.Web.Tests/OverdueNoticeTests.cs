using System.Text.Json;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>A scheduled server without a backup since its last fire is reported overdue to the webhook, once per missed fire.</summary>
public sealed class OverdueNoticeTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-overdue-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    [Fact]
    public async Task A_schedule_whose_last_fire_left_no_restore_point_sends_one_overdue_notice()
    {
        using var receiver = new WebhookReceiver(new WebhookReceiver.Answer(200));
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:Notifications:WebhookUrl"] = receiver.Url("/hook");
        factory.Settings["BackupDashboard:Notifications:OverdueGrace"] = "00:00:00";
        factory.Settings["BackupDashboard:Jobs:OverdueCheckInterval"] = "00:00:01";
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("late", _datadir.Path);
        // A full every day at a minute that has passed today or yesterday; no backup was ever taken.
        await factory.Services.GetRequiredService<IScheduleCatalog>().SaveAsync(new BackupSchedule("late", "0 0 * * *", null, "UTC"), CancellationToken.None);

        Assert.True(await Eventually.HoldsAsync(() => !receiver.Requests.IsEmpty, TimeSpan.FromSeconds(30)));
        // Several more looks at the same missed fire send nothing more.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var notice = JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement;

        Assert.Equal(("backup_overdue", "late"), (notice.GetProperty("kind").GetString(), notice.GetProperty("server").GetString()));
        Assert.Contains("there is no restore point at all", notice.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains(" 00:00 UTC", notice.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
