using System.Net.Http.Json;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>The History page's row of a running backup carries its progress, as the backup's own bar does.</summary>
public sealed class HistoryLiveTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-history-live-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 6);

    [Fact]
    public async Task A_running_backups_row_shows_its_percent_and_bytes_and_the_finished_row_shows_none()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("slow", _datadir.Path);
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_DELAY", "1");
        try
        {
            using var started = await client.PostAsJsonAsync("/api/servers/slow/backups", new { type = "full" });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

            RunRow? running = null;
            Assert.True(await Eventually.HoldsAsync(async () =>
            {
                running = (await PageAsync(factory)).Rows.SingleOrDefault(r => !r.Finished && r.Live is not null && r.Live.Contains(" of ", StringComparison.Ordinal));
                return running is not null;
            }), "no running row with progress");
            Assert.Matches(@"^\d+ %, \d", running!.Live);
            Assert.Null(running.Watch);

            Assert.True(await Eventually.HoldsAsync(async () => (await PageAsync(factory)).Rows.All(r => r.Finished), TimeSpan.FromSeconds(60)));
            Assert.All((await PageAsync(factory)).Rows, r => Assert.Null(r.Live));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_DELAY", null);
        }
    }

    private static async Task<RunPage> PageAsync(DashboardFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IRunHistory>().PageAsync(new RunFilter(Kind: JobKind.Backup), 0, 25, JobSort.Newest, CancellationToken.None);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
