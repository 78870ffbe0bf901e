using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// POST …/restore starts a background run and answers 202 at once; GET /api/restores/{id} follows
/// it. The fake XtraBackup holds each run at its first prepare until the test releases it
/// (FAKE_XTRABACKUP_PREPARE_RELEASE), so every check happens while the restore really runs.
/// </summary>
public sealed class RestoreRunApiTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-restore-runs-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 3);
    private readonly string _release;
    private readonly string _target;

    public RestoreRunApiTests()
    {
        _release = _data.Combine("release-prepare");
        _target = _data.Combine("restored");
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_PREPARE_RELEASE", _release);
    }

    [Fact]
    public async Task A_restore_answers_202_at_once_and_its_run_goes_to_succeeded_with_the_result()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        var backupId = await BackUpAsync(client);

        var clock = Stopwatch.StartNew();
        using var started = await client.PostAsJsonAsync($"/api/backups/{backupId}/restore", new { datadir = _target, owner = "root" });
        var answeredIn = clock.Elapsed;
        var run = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        var id = run.GetProperty("id").GetString()!;
        // Each second while a step runs, the record says what it last printed and where its whole output is.
        var held = await WaitForAsync(client, id, r => r.GetProperty("step_kind").GetString() == "prepare" && r.TryGetProperty("step_said", out var said) && said.ValueKind == JsonValueKind.String);
        // The History page's row of the run says where it is and links to its page.
        using (var scope = factory.Services.CreateScope())
        {
            var page = await scope.ServiceProvider.GetRequiredService<Services.IRunHistory>().PageAsync(new Services.RunFilter(Kind: Engine.Jobs.JobKind.Restore), 0, 25, Engine.Jobs.JobSort.Newest, CancellationToken.None);
            var row = Assert.Single(page.Rows, r => !r.Finished);
            Assert.Equal(($"/restore?run={id}", "step 2 of 4 (prepare)"), (row.Watch, row.Live));
        }

        await File.WriteAllTextAsync(_release, "");
        var ended = await WaitForAsync(client, id, r => r.GetProperty("state").GetString() is not ("queued" or "running"));
        var liveLog = held.GetProperty("step_log").GetString()!;
        Assert.EndsWith("02-prepare.log", liveLog, StringComparison.Ordinal);
        Assert.Contains(held.GetProperty("step_said").GetString()!, await File.ReadAllTextAsync(liveLog), StringComparison.Ordinal);
        Assert.Equal(liveLog, ended.GetProperty("result").GetProperty("steps")[1].GetProperty("log").GetString());

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"/api/restores/{id}", started.Headers.Location?.OriginalString);
        Assert.True(answeredIn < TimeSpan.FromSeconds(10), $"answered after {answeredIn}");
        Assert.Equal("running", held.GetProperty("state").GetString());
        Assert.Equal(2, held.GetProperty("step").GetInt32());
        Assert.Equal(4, held.GetProperty("steps").GetInt32());
        Assert.Equal("succeeded", ended.GetProperty("state").GetString());
        Assert.True(ended.GetProperty("result").GetProperty("succeeded").GetBoolean());
        Assert.Equal(backupId, ended.GetProperty("restore_point").GetString());
        Assert.True(File.Exists(Path.Combine(_target, "t0.ibd")));
        Assert.True(File.Exists(Path.Combine(_data.Path, "restore-runs", id, "run.json")));
    }

    [Fact]
    public async Task The_client_going_away_does_not_stop_the_restore()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        var backupId = await BackUpAsync(client);

        using var giveUp = new CancellationTokenSource();
        var waiting = client.PostAsJsonAsync($"/api/backups/{backupId}/restore?wait=true", new { datadir = _target, owner = "root" }, giveUp.Token);
        var runFile = await WaitForRunFileAsync();
        await Eventually.HoldsAsync(() => File.ReadAllText(runFile).Contains("\"step_kind\": \"prepare\"", StringComparison.Ordinal));
        // The caller (a script's timeout, a proxy) gives up while the tool is at work.
        await giveUp.CancelAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await File.WriteAllTextAsync(_release, "");
        var ended = await WaitForAsync(client, Path.GetFileName(Path.GetDirectoryName(runFile))!, r => r.GetProperty("state").GetString() is not ("queued" or "running"));

        // The in-process test server hands the cancellation back only once the handler has returned.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal("succeeded", ended.GetProperty("state").GetString());
        Assert.True(File.Exists(Path.Combine(_target, "t0.ibd")));
    }

    [Fact]
    public async Task Cancel_stops_the_tool_and_the_run_ends_cancelled_and_a_second_restore_into_the_datadir_meanwhile_is_409()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        var backupId = await BackUpAsync(client);

        using var started = await client.PostAsJsonAsync($"/api/backups/{backupId}/restore", new { datadir = _target, owner = "root" });
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await WaitForAsync(client, id, r => r.GetProperty("step_kind").GetString() == "prepare");
        using var second = await client.PostAsJsonAsync($"/api/backups/{backupId}/restore", new { datadir = _target, owner = "root" });
        using var cancel = await client.PostAsync(new Uri($"/api/restores/{id}/cancel", UriKind.Relative), null);
        var ended = await WaitForAsync(client, id, r => r.GetProperty("state").GetString() is not ("queued" or "running"));
        using var cancelAgain = await client.PostAsync(new Uri($"/api/restores/{id}/cancel", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("datadir", problem.GetProperty("field").GetString());
        Assert.Contains($"A restore into {_target} is already running (process {Environment.ProcessId})", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", ended.GetProperty("state").GetString());
        Assert.StartsWith("Cancelled: asked to stop", ended.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
        // The tool was stopped, not left preparing the working copy beside the datadir.
        Assert.DoesNotContain(ProcessTable.Parents().Keys, pid => ProcessTable.CommandLine(pid).Contains(_target, StringComparison.Ordinal));
        Assert.False(Directory.Exists(_target));
    }

    [Fact]
    public async Task A_graceful_stop_of_the_dashboard_records_the_running_restore_as_cancelled()
    {
        string id;
        using (var factory = DashboardFactory.OnDataFolder(_data.Path))
        {
            using var client = await factory.CreateSignedInClientAsync();
            var backupId = await BackUpAsync(client);
            using var started = await client.PostAsJsonAsync($"/api/backups/{backupId}/restore", new { datadir = _target, owner = "root" });
            id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            await WaitForAsync(client, id, r => r.GetProperty("step_kind").GetString() == "prepare");
        }

        var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data.Path, "restore-runs", id, "run.json"))).RootElement;

        Assert.Equal("cancelled", run.GetProperty("state").GetString());
        Assert.StartsWith("Cancelled: the dashboard stopped", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ProcessTable.Parents().Keys, pid => ProcessTable.CommandLine(pid).Contains(_target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restore_waits_behind_a_backup_of_its_server_and_deleting_its_queued_job_ends_it_cancelled_and_frees_the_datadir()
    {
        var releaseBackup = _data.Combine("release-backup");
        await File.WriteAllTextAsync(releaseBackup, "");
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_RELEASE", releaseBackup);
        try
        {
            await File.WriteAllTextAsync(_release, "");
            using var factory = DashboardFactory.OnDataFolder(_data.Path);
            using var client = await factory.CreateSignedInClientAsync();
            var backupId = await BackUpAsync(client);
            // A second backup holds the server's one worker, so the restore stays queued behind it.
            File.Delete(releaseBackup);
            using var backup = await client.PostAsJsonAsync("/api/servers/shop/backups", new { type = "full" });
            using var first = await client.PostAsJsonAsync($"/api/backups/{backupId}/restore", new { datadir = _target, owner = "root" });
            var queued = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
            var id = queued.GetProperty("id").GetString()!;
            Assert.True(factory.Services.GetRequiredService<IBackgroundJobClient>().Delete(queued.GetProperty("job_id").GetString()));
            var deleted = await WaitForAsync(client, id, r => r.GetProperty("state").GetString() != "queued");
            using var second = await client.PostAsJsonAsync($"/api/backups/{backupId}/restore", new { datadir = _target, owner = "root" });
            var secondId = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            await File.WriteAllTextAsync(releaseBackup, "");
            var ended = await WaitForAsync(client, secondId, r => r.GetProperty("state").GetString() is not ("queued" or "running"));

            Assert.Equal(HttpStatusCode.Accepted, backup.StatusCode);
            Assert.Equal("queued", queued.GetProperty("state").GetString());
            Assert.Equal("cancelled", deleted.GetProperty("state").GetString());
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            Assert.Equal("succeeded", ended.GetProperty("state").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_RELEASE", null);
            await File.WriteAllTextAsync(releaseBackup, "");
        }
    }

    [Fact]
    public async Task A_run_left_running_by_a_process_that_is_gone_is_failed_as_interrupted_and_its_tool_stopped_at_the_next_start()
    {
        // What a killed dashboard leaves: a run that says running, by a process that no longer exists,
        // and its prepare still at work on the working copy (held until its release file appears: never).
        var prepared = _data.Combine("restored.restore-work", "20261202T090000Z-full");
        using var tool = Process.Start(new ProcessStartInfo(FakeXtraBackup.Path, ["--prepare", $"--target-dir={prepared}"])
        {
            Environment = { ["FAKE_XTRABACKUP_PREPARE_RELEASE"] = _data.Combine("never") },
            RedirectStandardError = true,
        })!;
        var dead = Path.Combine(_data.Path, "restore-runs", "20261202T100000Z-deadbeef");
        Directory.CreateDirectory(dead);
        await File.WriteAllTextAsync(Path.Combine(dead, "run.json"), $$"""
            {"id":"20261202T100000Z-deadbeef","restore_point":"20261202T090000Z-full","server":"shop","datadir":"{{_target}}",
             "state":"running","runner":"999999999:1","queued_at":"2026-12-02T10:00:00+00:00","step":3,"steps":5,"step_kind":"prepare",
             "prepared_dir":"{{prepared}}"}
            """);

        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        var run = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/restores/20261202T100000Z-deadbeef", UriKind.Relative))).RootElement;
        using var missing = await client.GetAsync(new Uri("/api/restores/no-such-run", UriKind.Relative));

        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.StartsWith("Interrupted: the process that ran this restore (999999999:1) ended before it finished", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains("during step 3 of 5 (prepare)", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Its tool was still running (process {tool.Id}) and was stopped.", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.True(tool.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_PREPARE_RELEASE", null);
        File.WriteAllText(_release, "");
        _data.Dispose();
        _datadir.Dispose();
    }

    private async Task<string> BackUpAsync(HttpClient client)
    {
        using var added = await client.PostAsJsonAsync("/api/servers", new
        {
            name = "shop", socket = "/nonexistent.sock", user = "x", datadir = _datadir.Path, tool = "xtrabackup",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var full = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "full" });
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        return JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> WaitForRunFileAsync()
    {
        var runs = Path.Combine(_data.Path, "restore-runs");
        Assert.True(await Eventually.HoldsAsync(() => Directory.Exists(runs) && Directory.EnumerateFiles(runs, "run.json", SearchOption.AllDirectories).Any()));
        return Directory.EnumerateFiles(runs, "run.json", SearchOption.AllDirectories).Single();
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var run = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/restores/{id}", UriKind.Relative))).RootElement;
            if (condition(run) || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }
}
