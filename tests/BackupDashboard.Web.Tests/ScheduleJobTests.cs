using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// Backup schedules: written to the catalog (as bdash does, from another process), carried by
/// Hangfire recurring jobs on the server's queue without a restart, and a scheduled incremental
/// without a chain run as a full.
/// </summary>
public sealed class ScheduleJobTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-schedule-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task A_schedule_in_the_catalog_becomes_recurring_jobs_and_its_fires_take_the_right_backups()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:Jobs:ScheduleSyncInterval"] = "00:00:01";
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        var storage = factory.Services.GetRequiredService<JobStorage>();
        List<RecurringJobDto> Jobs()
        {
            using var connection = storage.GetConnection();
            return [.. connection.GetRecurringJobs().Where(j => j.Id.StartsWith("backup-", StringComparison.Ordinal))];
        }

        // Written straight to the catalog, as bdash schedule set in another process writes it.
        await factory.Services.GetRequiredService<IScheduleCatalog>().SaveAsync(new BackupSchedule("shop", "0 2 * * 0", "0 2 * * 1-6", "Europe/Berlin"), CancellationToken.None);

        Assert.True(await Eventually.HoldsAsync(() => Jobs().Count == 2, TimeSpan.FromSeconds(15)));
        var full = Jobs().Single(j => j.Id == "backup-full:shop");
        Assert.Equal(("0 2 * * 0", "shop", "Europe/Berlin"), (full.Cron, full.Queue, full.TimeZoneId));
        Assert.Equal("0 2 * * 1-6", Jobs().Single(j => j.Id == "backup-incremental:shop").Cron);
        using var shown = await client.GetAsync(new Uri("/api/servers/shop/schedule", UriKind.Relative));
        var view = JsonDocument.Parse(await shown.Content.ReadAsStringAsync()).RootElement;
        var fires = view.GetProperty("next_fires").EnumerateArray().ToList();
        Assert.Equal(5, fires.Count);
        Assert.All(fires, f => Assert.True(f.GetProperty("type").GetString() is "full" or "incremental"));
        Assert.Equal(fires.Select(f => f.GetProperty("at").GetDateTimeOffset()).Order(), fires.Select(f => f.GetProperty("at").GetDateTimeOffset()));

        var recurring = factory.Services.GetRequiredService<IRecurringJobManager>();
        var catalog = factory.Services.GetRequiredService<IBackupCatalog>();
        recurring.Trigger("backup-incremental:shop");
        Assert.True(await Eventually.HoldsAsync(() => Good(catalog).Count == 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(Engine.Tools.BackupKind.Full, Good(catalog)[0].Kind);
        recurring.Trigger("backup-incremental:shop");
        Assert.True(await Eventually.HoldsAsync(() => Good(catalog).Count == 2, TimeSpan.FromSeconds(30)));
        var incremental = Good(catalog)[1];
        Assert.Equal((Engine.Tools.BackupKind.Incremental, Good(catalog)[0].Id), (incremental.Kind, incremental.ParentId));

        using var removed = await client.DeleteAsync(new Uri("/api/servers/shop/schedule", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.True(await Eventually.HoldsAsync(() => Jobs().Count == 0, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task A_schedule_is_refused_field_by_field()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);

        using var both = await client.PutAsJsonAsync("/api/servers/shop/schedule", new { full_daily = "02:00", full_cron = "0 2 * * *" });
        using var zone = await client.PutAsJsonAsync("/api/servers/shop/schedule", new { full_daily = "02:00", time_zone = "Mars/Olympus" });
        using var every = await client.PutAsJsonAsync("/api/servers/shop/schedule", new { full_daily = "02:00", incremental_every_hours = 30 });
        using var unknown = await client.PutAsJsonAsync("/api/servers/nosuch/schedule", new { full_daily = "02:00" });
        using var none = await client.GetAsync(new Uri("/api/servers/shop/schedule", UriKind.Relative));

        foreach (var (response, field) in new[] { (both, "full"), (zone, "time_zone"), (every, "incremental_every_hours") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(field, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using var set = await client.PutAsJsonAsync("/api/servers/shop/schedule", new { full_daily = "02:00", incremental_every_hours = 6 });
        var view = JsonDocument.Parse(await set.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("0 8,14,20 * * *", view.GetProperty("incremental_cron").GetString());
    }

    private static List<BackupRecord> Good(IBackupCatalog catalog) =>
        [.. catalog.ListAsync("shop", CancellationToken.None).GetAwaiter().GetResult().Where(b => b.IsGood).OrderBy(b => b.StartedAt)];

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
