using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The dashboard stops while a backup job runs, and starts again on the same data folder: the
/// tool is stopped, the run is recorded as cancelled (never left "running"), its job ends as failed
/// with the same reason, and nothing runs again by itself after the restart.
/// </summary>
public sealed class BackupJobRestartTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-restart-");
    // The fake XtraBackup copies these one a second: long enough to stop the dashboard mid-run.
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 30);

    [Fact]
    public async Task A_backup_cut_short_by_a_stop_is_recorded_failed_and_nothing_runs_again_after_the_restart()
    {
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_DELAY", "1");
        string jobId;
        try
        {
            using (var first = DashboardFactory.OnDataFolder(_data.Path))
            {
                using var client = await first.CreateSignedInClientAsync();
                await client.AddFakeXtraBackupServerAsync("slow", _datadir.Path);
                using var started = await client.PostAsJsonAsync("/api/servers/slow/backups", new { type = "full" });
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                jobId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("job_id").GetString()!;
                await WaitForProgressAsync(client);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_DELAY", null);
        }

        // The stop waited for the tool: no copy of it is left working on this datadir.
        Assert.DoesNotContain(ProcessTable.Parents().Keys, pid => ProcessTable.CommandLine(pid).Contains(_datadir.Path, StringComparison.Ordinal));

        using var second = DashboardFactory.OnDataFolder(_data.Path);
        using var again = await second.CreateSignedInClientAsync();
        var monitoring = second.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var state = await WaitForAsync(() => monitoring.JobDetails(jobId)?.History.FirstOrDefault() is { StateName: "Failed" } s ? s : null);
        // Time for a re-delivered job to start, if one were coming.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var backups = JsonDocument.Parse(await again.GetStringAsync(new Uri("/api/servers/slow/backups", UriKind.Relative))).RootElement;

        var backup = Assert.Single(backups.EnumerateArray());
        // A graceful stop cancels the run: the tool was asked to stop, and the record says so.
        Assert.Equal("cancelled", backup.GetProperty("status").GetString());
        Assert.StartsWith($"Backup {backup.GetProperty("id").GetString()} of 'slow' was cancelled: Canceled: the tool was stopped", state.Data["ExceptionMessage"], StringComparison.Ordinal);
        Assert.Equal(["Enqueued", "Processing", "Failed"], monitoring.JobDetails(jobId).History.Select(h => h.StateName).Reverse());
        Assert.Equal(0, monitoring.ProcessingCount());
    }

    [Fact]
    public async Task Deleting_a_queued_backup_job_in_the_job_dashboard_frees_the_server_and_tells_the_caller()
    {
        // Workers look for work once a minute here, so the job waits in its queue long enough.
        using var dashboard = DashboardFactory.OnDataFolder(_data.Path);
        dashboard.Settings["BackupDashboard:Jobs:QueuePollInterval"] = "00:01:00";
        using var client = await dashboard.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("queued", _datadir.Path);
        // The server's worker has looked once and found nothing; the next look is a minute away.
        dashboard.Services.GetRequiredService<ServerQueueWorkers>().EnsureServed(ServerQueueName.For("queued"));
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var started = await client.PostAsJsonAsync("/api/servers/queued/backups", new { type = "full" });
        var jobId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("job_id").GetString()!;
        using var busy = await client.PostAsJsonAsync("/api/servers/queued/backups", new { type = "full" });
        Assert.True(dashboard.Services.GetRequiredService<IBackgroundJobClient>().Delete(jobId));
        using var free = await client.PostAsJsonAsync("/api/servers/queued/backups", new { type = "full" });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        // Queued behind the first, not refused.
        Assert.Equal(HttpStatusCode.Accepted, busy.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, free.StatusCode);
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/queued/backups", UriKind.Relative))).RootElement.EnumerateArray());
    }

    private static async Task WaitForProgressAsync(HttpClient client)
    {
        await WaitForAsync(async () =>
        {
            using var progress = await client.GetAsync(new Uri("/api/servers/slow/backups/progress", UriKind.Relative));
            return progress.StatusCode == HttpStatusCode.OK ? "running" : null;
        });
    }

    private static Task<T> WaitForAsync<T>(Func<T?> probe) where T : class => WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Not seen within 30 s.");
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
