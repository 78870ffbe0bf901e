using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>Backups started from the API run as Hangfire jobs on their server's queue, once, never retried.</summary>
public class BackupJobTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public BackupJobTests(DashboardFactory factory) => _factory = factory;

    private IMonitoringApi Monitoring => _factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

    [Fact]
    public async Task Backups_run_as_hangfire_jobs_on_the_queue_named_after_its_server_and_a_second_one_meanwhile_queues_behind_never_alongside()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var client = await _factory.CreateSignedInClientAsync();
        await RegisterAsync(client, "Job.DB-1", db);

        // Two requests at once: both are queued, and the server's one worker runs them one after the other.
        var answers = await Task.WhenAll(
            client.PostAsJsonAsync("/api/servers/Job.DB-1/backups?wait=true", new { type = "full" }),
            client.PostAsJsonAsync("/api/servers/Job.DB-1/backups?wait=true", new { type = "full" }));
        var jobIds = await WaitForJobsAsync("Job.DB-1", 2);
        var states = await Task.WhenAll(jobIds.Select(WaitForFinalStateAsync));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(["Succeeded", "Succeeded"], states);
        foreach (var jobId in jobIds)
        {
            var details = Monitoring.JobDetails(jobId);
            // Run by the worker of the server's own queue, not by the shared one.
            Assert.Contains(":job_db-1:", details.History.Single(h => h.StateName == "Processing").Data["ServerId"], StringComparison.Ordinal);
            Assert.Equal(["Enqueued", "Processing", "Succeeded"], details.History.Select(h => h.StateName).Reverse());
        }

        var backups = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/Job.DB-1/backups", UriKind.Relative))).RootElement.EnumerateArray()
            .OrderBy(b => b.GetProperty("started_at").GetDateTimeOffset()).ToList();
        Assert.Equal(2, backups.Count);
        Assert.All(backups, b => Assert.Equal("succeeded", b.GetProperty("status").GetString()));
        Assert.True(backups[1].GetProperty("started_at").GetDateTimeOffset() >= backups[0].GetProperty("ended_at").GetDateTimeOffset(), "the second backup ran alongside the first");
    }

    [Fact]
    public async Task A_new_backup_of_a_real_server_is_verified_in_the_background_and_passes()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        await db.ExecuteAsync("CREATE DATABASE shop");
        await db.ExecuteAsync("CREATE TABLE shop.t (id INT PRIMARY KEY, v VARCHAR(100)) ENGINE=InnoDB");
        await db.ExecuteAsync("INSERT INTO shop.t SELECT seq, REPEAT('x', 90) FROM shop.seq_1_to_5000");
        using var client = await _factory.CreateSignedInClientAsync();
        await RegisterAsync(client, "verified", db);

        using var backup = await client.PostAsJsonAsync("/api/servers/verified/backups?wait=true", new { type = "full" });
        var id = JsonDocument.Parse(await backup.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        JsonElement Verify() => JsonDocument.Parse(client.GetStringAsync(new Uri($"/api/backups/{id}", UriKind.Relative)).GetAwaiter().GetResult()).RootElement.GetProperty("verify").Clone();
        Assert.True(await Eventually.HoldsAsync(() => Verify().ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(90)));
        var runs = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/jobs?server=verified", UriKind.Relative))).RootElement.EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.Created, backup.StatusCode);
        Assert.Equal("passed", Verify().GetProperty("state").GetString());
        Assert.Matches("^[0-9,]+ pages checked, none bad$", Verify().GetProperty("summary").GetString());
        Assert.Equal(["verify", "backup"], runs.Select(r => r.GetProperty("kind").GetString()));
        Assert.All(runs, r => Assert.Equal("succeeded", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_failed_backup_ends_its_job_as_failed_and_is_not_retried()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        await db.ExecuteAsync("CREATE USER 'jobs'@'localhost' IDENTIFIED BY 'right'");
        using var client = await _factory.CreateSignedInClientAsync();
        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "wrongpw", socket = db.SocketPath, user = "jobs", password = "wrong", datadir = db.DataDir });

        using var backup = await client.PostAsJsonAsync("/api/servers/wrongpw/backups?wait=true", new { type = "full" });
        var jobId = await WaitForJobAsync("wrongpw");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, backup.StatusCode);
        var history = Monitoring.JobDetails(jobId).History.Select(h => h.StateName).Reverse().ToList();
        Assert.Equal(["Enqueued", "Processing", "Failed"], history);
        Assert.Contains("Access denied", Monitoring.JobDetails(jobId).History[0].Data["ExceptionMessage"], StringComparison.Ordinal);

        // "Requeue" in Hangfire's dashboard hands the same job back: it is refused, not run again.
        Assert.True(_factory.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId));
        await Eventually.HoldsAsync(() => Monitoring.JobDetails(jobId).History.Count >= 6);
        Assert.Equal("Failed", Monitoring.JobDetails(jobId).History[0].StateName);
        Assert.Contains("second delivery of a job that already ran", Monitoring.JobDetails(jobId).History[0].Data["ExceptionMessage"], StringComparison.Ordinal);
        var backups = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/wrongpw/backups", UriKind.Relative))).RootElement;
        Assert.Single(backups.EnumerateArray());
    }

    [Fact]
    public async Task A_backup_job_left_in_the_storage_from_before_a_restart_is_refused_not_run()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "stale", socket = "/nonexistent.sock", user = "x", datadir = "/nonexistent" });
        var jobs = _factory.Services.GetRequiredService<IBackgroundJobClient>();
        _factory.Services.GetRequiredService<ServerQueueWorkers>().EnsureServed(ServerQueueName.For("stale"));

        // What the storage holds after a restart: a queued job no request of this process made.
        var jobId = jobs.Enqueue<BackupJob>(ServerQueueName.For("stale"), job =>
            job.RunAsync("stale", BackupKind.Full, null, null, 1, Guid.NewGuid(), CancellationToken.None));
        var state = await WaitForFinalStateAsync(jobId);

        Assert.Equal("Failed", state);
        Assert.Contains("queued before the dashboard restarted", Monitoring.JobDetails(jobId).History[0].Data["ExceptionMessage"], StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/stale/backups", UriKind.Relative))).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task The_hangfire_dashboard_opens_for_a_signed_in_user_and_answers_401_to_a_stranger()
    {
        using var signedIn = await _factory.CreateSignedInClientAsync();
        using var stranger = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await signedIn.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var denied = await stranger.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var deniedStats = await stranger.PostAsync(new Uri("/hangfire/stats", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("BackupDashboard jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deniedStats.StatusCode);
    }

    [Fact]
    public async Task A_backup_another_process_is_running_of_the_same_server_is_refused_at_once_naming_it()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "held", socket = "/nonexistent.sock", user = "x", datadir = "/nonexistent" });
        // What a bdash backup of the same server holds while it runs (an flock of its own).
        var (held, _) = Engine.Runs.ServerBackupLock.TryAcquire(Path.Combine(_factory.DataDir, "locks"), "held");
        using (held)
        {
            using var refused = await client.PostAsJsonAsync("/api/servers/held/backups", new { type = "full" });

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"A backup of 'held' is already running (process {Environment.ProcessId})", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task RegisterAsync(HttpClient client, string name, ThrowawayMariaDb db)
    {
        await db.ExecuteAsync("CREATE USER IF NOT EXISTS 'jobs'@'localhost' IDENTIFIED BY 'jobs pw'");
        await db.ExecuteAsync("GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'jobs'@'localhost'");
        using var added = await client.PostAsJsonAsync("/api/servers", new { name, socket = db.SocketPath, user = "jobs", password = "jobs pw", datadir = db.DataDir });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    /// <summary>The one backup job of the server, in whatever state.</summary>
    private async Task<string> WaitForJobAsync(string server) => Assert.Single(await WaitForJobsAsync(server, 1));

    /// <summary>The server's backup jobs, in whatever state, once there are <paramref name="count"/>.</summary>
    private async Task<List<string>> WaitForJobsAsync(string server, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            var ids = Monitoring.EnqueuedJobs(ServerQueueName.For(server), 0, 100).Where(j => IsFor(j.Value.Job, server)).Select(j => j.Key)
                .Concat(Monitoring.ProcessingJobs(0, 100).Where(j => IsFor(j.Value.Job, server)).Select(j => j.Key))
                .Concat(Monitoring.SucceededJobs(0, 100).Where(j => IsFor(j.Value.Job, server)).Select(j => j.Key))
                .Concat(Monitoring.FailedJobs(0, 100).Where(j => IsFor(j.Value.Job, server)).Select(j => j.Key))
                .Distinct().ToList();
            if (ids.Count >= count)
            {
                return ids;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{count} backup job(s) of {server} did not appear within 30 s; succeeded: {string.Join(", ", Monitoring.SucceededJobs(0, 100).Select(j => $"{j.Key} {j.Value.Job?.Type.Name} {(j.Value.Job?.Args.Count > 0 ? j.Value.Job.Args[0] : null)}"))}");
    }

    private static bool IsFor(Hangfire.Common.Job? job, string server) => job?.Type == typeof(BackupJob) && job.Args.Count > 0 && job.Args[0] as string == server;

    private async Task<string> WaitForFinalStateAsync(string jobId)
    {
        for (var i = 0; i < 600; i++)
        {
            var state = Monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state is "Succeeded" or "Failed" or "Deleted")
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Job {jobId} did not finish within a minute.");
    }
}
