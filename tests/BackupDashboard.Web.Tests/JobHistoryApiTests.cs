using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The job history through /api/jobs: runs recorded with their trigger, filters refused field by
/// field, cancel of a running backup (its tool stopped, the run and the backup cancelled) and of
/// a queued restore (it never starts), and a failed verify that reaches the webhook.
/// </summary>
public sealed class JobHistoryApiTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-job-history-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task A_backup_from_the_api_is_in_the_history_with_its_trigger_bytes_and_log_and_bad_filters_are_400()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        using var backup = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "full" });
        var backupId = JsonDocument.Parse(await backup.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var runs = await ApiJson.GetAsync(client, "/api/jobs?server=shop&kind=backup");
        var run = Assert.Single(runs.EnumerateArray());
        var shown = await ApiJson.GetAsync(client, $"/api/jobs/{run.GetProperty("id").GetInt64()}");

        Assert.Equal(("backup", "shop", "api", "succeeded", backupId), (ApiJson.Text(run, "kind"), ApiJson.Text(run, "server"), ApiJson.Text(run, "trigger"), ApiJson.Text(run, "state"), ApiJson.Text(run, "subject")));
        Assert.True(run.GetProperty("bytes").GetInt64() > 0);
        Assert.False(run.TryGetProperty("log", out _));
        Assert.Contains("completed OK!", ApiJson.Text(shown, "log"), StringComparison.Ordinal);
        Assert.Empty((await ApiJson.GetAsync(client, "/api/jobs?server=shop&state=failed&kind=backup")).EnumerateArray());
        foreach (var (query, field) in new[] { ("kind=nope", "kind"), ("state=RUNNING", "state"), ("limit=0", "limit"), ("limit=abc", "limit"), ("server=..%2Fetc", "server") })
        {
            using var refused = await client.GetAsync(new Uri($"/api/jobs?{query}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(field, ApiJson.Text(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement, "field"));
        }

        using var unknown = await client.GetAsync(new Uri("/api/jobs/99999", UriKind.Relative));
        using var notNumber = await client.PostAsync(new Uri("/api/jobs/abc/cancel", UriKind.Relative), null);
        using var ended = await client.PostAsync(new Uri($"/api/jobs/{run.GetProperty("id").GetInt64()}/cancel", UriKind.Relative), null);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Conflict), (unknown.StatusCode, notNumber.StatusCode, ended.StatusCode));
    }

    [Fact]
    public async Task Cancelling_a_running_backup_stops_its_tool_and_ends_run_and_backup_cancelled_and_a_queued_restore_cancelled_never_starts()
    {
        var release = _data.Combine("release-backup");
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_RELEASE", release);
        try
        {
            await File.WriteAllTextAsync(release, "");
            using var factory = DashboardFactory.OnDataFolder(_data.Path);
            using var client = await factory.CreateSignedInClientAsync();
            await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
            using var first = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "full" });
            var firstId = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            File.Delete(release);

            // A held backup, and a restore queued behind it on the server's one worker.
            using var held = await client.PostAsJsonAsync("/api/servers/shop/backups", new { type = "full" });
            var running = await WaitForRunAsync(client, "kind=backup&state=running");
            var target = _data.Combine("restored");
            using var restore = await client.PostAsJsonAsync($"/api/backups/{firstId}/restore", new { datadir = target, owner = "root" });
            var restoreRunId = JsonDocument.Parse(await restore.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            var queued = await WaitForRunAsync(client, "kind=restore&state=queued");

            using var cancelQueued = await client.PostAsync(new Uri($"/api/jobs/{queued}/cancel", UriKind.Relative), null);
            var queuedAfter = await ApiJson.GetAsync(client, $"/api/jobs/{queued}");
            using var cancelRunning = await client.PostAsync(new Uri($"/api/jobs/{running}/cancel", UriKind.Relative), null);
            Assert.True(await Eventually.HoldsAsync(async () => ApiJson.Text(await ApiJson.GetAsync(client, $"/api/jobs/{running}"), "state") != "running", TimeSpan.FromSeconds(60)));
            var stopped = await ApiJson.GetAsync(client, $"/api/jobs/{running}");
            var backups = await ApiJson.GetAsync(client, "/api/servers/shop/backups");
            Assert.True(await Eventually.HoldsAsync(async () =>
                ApiJson.Text(await ApiJson.GetAsync(client, $"/api/restores/{restoreRunId}"), "state") is not ("queued" or "running"), TimeSpan.FromSeconds(30)));
            var restoreRun = await ApiJson.GetAsync(client, $"/api/restores/{restoreRunId}");

            Assert.Equal(HttpStatusCode.Accepted, cancelQueued.StatusCode);
            Assert.Equal("cancelled", ApiJson.Text(queuedAfter, "state"));
            Assert.Equal(HttpStatusCode.Accepted, cancelRunning.StatusCode);
            Assert.Equal("cancelled", ApiJson.Text(stopped, "state"));
            Assert.StartsWith("Backup ", ApiJson.Text(stopped, "reason"), StringComparison.Ordinal);
            Assert.Equal("cancelled", ApiJson.Text(backups.EnumerateArray().Single(b => ApiJson.Text(b, "id") == ApiJson.Text(stopped, "subject")), "status"));
            Assert.DoesNotContain(ProcessTable.Parents().Keys, pid => ProcessTable.CommandLine(pid).Contains(FakeXtraBackup.Path, StringComparison.Ordinal)
                && ProcessTable.CommandLine(pid).Contains(_data.Path, StringComparison.Ordinal));
            Assert.Equal("cancelled", ApiJson.Text(restoreRun, "state"));
            Assert.False(Directory.Exists(target));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_RELEASE", null);
            await File.WriteAllTextAsync(release, "");
        }
    }

    [Fact]
    public async Task Every_new_backup_is_verified_in_the_background_and_a_failed_verify_is_posted_to_the_webhook()
    {
        // The fake's tablespaces are four bytes long: no InnoDB page fits, so the verify fails.
        using var receiver = new WebhookReceiver(new WebhookReceiver.Answer(200));
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:Notifications:WebhookUrl"] = receiver.Url("/hook?token=secret");
        factory.Settings["BackupDashboard:Jobs:VerifySweepInterval"] = "00:00:01";
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        using var backup = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "full" });
        var backupId = ApiJson.Text(JsonDocument.Parse(await backup.Content.ReadAsStringAsync()).RootElement, "id");

        Assert.True(await Eventually.HoldsAsync(async () => (await ApiJson.GetAsync(client, $"/api/backups/{backupId}")).GetProperty("verify").ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(60)));
        var verify = (await ApiJson.GetAsync(client, $"/api/backups/{backupId}")).GetProperty("verify");
        var run = Assert.Single((await ApiJson.GetAsync(client, "/api/jobs?kind=verify")).EnumerateArray());
        Assert.True(await Eventually.HoldsAsync(() => !receiver.Requests.IsEmpty, TimeSpan.FromSeconds(30)));
        var notice = JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement;

        Assert.Equal("failed", ApiJson.Text(verify, "state"));
        Assert.Contains("t0.ibd", ApiJson.Text(verify, "summary"), StringComparison.Ordinal);
        Assert.Equal(("failed", "schedule", backupId), (ApiJson.Text(run, "state"), ApiJson.Text(run, "trigger"), ApiJson.Text(run, "subject")));
        Assert.Equal(("run_failed", "shop", run.GetProperty("id").GetInt64()), (ApiJson.Text(notice, "kind"), ApiJson.Text(notice, "server"), notice.GetProperty("job_id").GetInt64()));
        Assert.Contains($"verify {backupId}", ApiJson.Text(notice, "summary"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }

    private static async Task<long> WaitForRunAsync(HttpClient client, string query)
    {
        long? id = null;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            id = (await ApiJson.GetAsync(client, $"/api/jobs?{query}")).EnumerateArray().Select(r => (long?)r.GetProperty("id").GetInt64()).FirstOrDefault();
            return id is not null;
        }, TimeSpan.FromSeconds(30)), $"no run for {query}");
        return id!.Value;
    }
}
