using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// Restore rehearsals through the real web host on a real server: one passes on a good chain, with
/// its measured time to restore in the server's last rehearsal; one fails, with the reason, once
/// the header of the incremental's delta is garbled on disk, and the webhook receives the failure.
/// </summary>
public sealed class RehearsalApiTests : IDisposable
{
    private const int PageSize = 16384;
    private readonly TempFolder _data = new("bdash-rehearsal-api-");

    [Fact]
    public async Task A_rehearsal_passes_on_a_good_chain_and_fails_with_the_reason_once_a_delta_is_garbled_and_the_webhook_hears_it()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var receiver = new WebhookReceiver(new WebhookReceiver.Answer(200));
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:Notifications:WebhookUrl"] = receiver.Url("/hook");
        using var client = await factory.CreateSignedInClientAsync();
        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "shop", socket = db.SocketPath, user = "root", datadir = db.DataDir });
        await db.ExecuteAsync("CREATE DATABASE shop");
        await db.ExecuteAsync("CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(200)) ENGINE=InnoDB");
        await db.ExecuteAsync("INSERT INTO shop.orders SELECT seq, REPEAT('full', 40) FROM shop.seq_1_to_2000");
        using var full = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "full" });
        await db.ExecuteAsync("UPDATE shop.orders SET note = REPEAT('incremental', 15)");
        // Flushed, so that the changed pages are in the incremental's delta and not only in its redo.
        await db.CheckpointAsync();
        using var incremental = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "incremental" });
        var incrementalId = JsonDocument.Parse(await incremental.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var passed = await RehearseAsync(client);
        var last = await ApiJson.GetAsync(client, "/api/servers/shop/rehearsal");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (added.StatusCode, full.StatusCode, incremental.StatusCode));
        Assert.Equal(("succeeded", incrementalId, "api"), (ApiJson.Text(passed, "state"), ApiJson.Text(passed, "subject"), ApiJson.Text(passed, "trigger")));
        Assert.Matches("^[0-9]+ tables checked, none bad$", ApiJson.Text(passed, "reason"));
        Assert.True(passed.GetProperty("time_to_restore_seconds").GetDouble() > 0);
        Assert.Equal(passed.GetProperty("id").GetInt64(), last.GetProperty("id").GetInt64());
        Assert.Empty(receiver.Requests);

        // The delta's header page, whose "xtra" magic and page list tell prepare where each page goes.
        // (A garbled data page alone can pass: prepare restores it from the doublewrite buffer's copy.)
        var delta = Directory.GetFiles(Path.Combine(_data.Path, "backups", "shop"), "orders.ibd.delta", SearchOption.AllDirectories)
            .Single(p => p.Contains(incrementalId!, StringComparison.Ordinal));
        await using (var file = new FileStream(delta, FileMode.Open, FileAccess.Write))
        {
            await file.WriteAsync(RandomNumberGenerator.GetBytes(PageSize));
        }

        var failed = await RehearseAsync(client);
        // The background verify of the garbled incremental may notify too (run_failed): the rehearsal's notice is the one asked for.
        static bool IsRehearsal(WebhookReceiver.Request r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("kind").GetString() == "rehearsal_failed";
        Assert.True(await Eventually.HoldsAsync(() => receiver.Requests.Any(IsRehearsal), TimeSpan.FromSeconds(30)));
        var notice = JsonDocument.Parse(Assert.Single(receiver.Requests, IsRehearsal).Body).RootElement;

        Assert.True(ApiJson.Text(failed, "state") == "failed", ApiJson.Text(failed, "log"));
        Assert.Equal(("failed", incrementalId), (ApiJson.Text(failed, "state"), ApiJson.Text(failed, "subject")));
        Assert.False(string.IsNullOrWhiteSpace(ApiJson.Text(failed, "reason")));
        Assert.Equal(("rehearsal_failed", "shop", failed.GetProperty("id").GetInt64()), (ApiJson.Text(notice, "kind"), ApiJson.Text(notice, "server"), notice.GetProperty("job_id").GetInt64()));
        Assert.Contains(ApiJson.Text(failed, "reason")!.Split('\n')[0][..20], ApiJson.Text(notice, "details") + ApiJson.Text(notice, "summary"), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_data.Path, "rehearsals")));
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Starts a rehearsal through the API and waits for its run to end.</summary>
    private static async Task<JsonElement> RehearseAsync(HttpClient client)
    {
        using var started = await client.PostAsync(new Uri("/api/servers/shop/rehearsal", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.True(await Eventually.HoldsAsync(async () => ApiJson.Text(await ApiJson.GetAsync(client, $"/api/jobs/{id}"), "state") is not ("queued" or "running"),
            TimeSpan.FromSeconds(120)), $"rehearsal run {id} did not end");
        return await ApiJson.GetAsync(client, $"/api/jobs/{id}");
    }
}
