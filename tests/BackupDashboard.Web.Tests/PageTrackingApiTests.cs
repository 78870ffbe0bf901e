using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// /api/servers/{name}/page-tracking against the doubles (<see cref="PageTrackingServer"/>, the fake
/// xtrabackup; docs/tool-adapters.md, "Page tracking"): install, start, full, incremental with page
/// tracking, purge and the forced full, each visible in GET page-tracking and POST test.
/// </summary>
public sealed class PageTrackingApiTests : IClassFixture<PageTrackingServer>, IDisposable
{
    private readonly PageTrackingServer _server;
    private readonly TempFolder _data = new("bdash-pt-api-");

    public PageTrackingApiTests(PageTrackingServer server) => _server = server;

    [Fact]
    public async Task Install_start_full_incremental_purge_then_the_forced_full()
    {
        _ = RequiredTool.MariaDbClient;
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var admin = await factory.CreateSignedInClientAsync();
        using var registered = await admin.PostAsJsonAsync(new Uri("/api/servers", UriKind.Relative), new
        {
            name = "pt", host = PageTrackingServer.Host, port = _server.Port, user = PageTrackingServer.User, password = PageTrackingServer.Password,
            datadir = _server.Db.DataDir, tool = "xtrabackup",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await _server.Db.ExecuteAsync("CREATE DATABASE IF NOT EXISTS api");
        await _server.Db.ExecuteAsync("CREATE TABLE IF NOT EXISTS api.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB");
        Assert.False((await ApiJson.GetAsync(admin, "/api/servers/pt/page-tracking")).GetProperty("installed").GetBoolean());

        using var olly = await factory.CreateUserClientAsync("olly", "operator");
        using (var byOperator = await olly.Client.PostAsync(new Uri("/api/servers/pt/page-tracking/install", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        }

        await AssertBadFieldAsync(admin, "/api/servers/pt/page-tracking/reset", "action");
        await AssertBadFieldAsync(admin, "/api/servers/pt/page-tracking/start?up_to=5", "up_to");
        using (var early = await admin.PostAsync(new Uri("/api/servers/pt/page-tracking/start", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        Assert.True((await PostAsync(admin, "/api/servers/pt/page-tracking/install")).GetProperty("status").GetProperty("installed").GetBoolean());
        Assert.True((await PostAsync(admin, "/api/servers/pt/page-tracking/start")).GetProperty("status").GetProperty("tracking").GetBoolean());
        await _server.Db.CheckpointAsync();

        var full = await BackupAsync(admin, "full", HttpStatusCode.Created);
        Assert.Contains("--page-tracking", full.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()));
        await _server.Db.ExecuteAsync("INSERT INTO api.t (v) SELECT seq FROM api.seq_1_to_1000");
        var tracking = await ApiJson.GetAsync(admin, "/api/servers/pt/page-tracking");
        Assert.Equal(full.GetProperty("id").GetString(), tracking.GetProperty("base_id").GetString());
        Assert.True(tracking.GetProperty("changed_pages").GetInt64() > 0);

        var incremental = await BackupAsync(admin, "incremental", HttpStatusCode.Created);
        Assert.Contains("--page-tracking", incremental.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()));

        await _server.Db.ExecuteAsync("INSERT INTO api.t (v) VALUES (1)");
        var purged = await PostAsync(admin, "/api/servers/pt/page-tracking/purge");
        Assert.Contains("must be a full", purged.GetProperty("status").GetProperty("full_backup_needed").GetString(), StringComparison.Ordinal);
        var tested = await PostAsync(admin, "/api/servers/pt/test");
        Assert.Contains("must be a full", tested.GetProperty("page_tracking").GetProperty("full_backup_needed").GetString(), StringComparison.Ordinal);
        var refused = await BackupAsync(admin, "incremental", HttpStatusCode.BadRequest);
        Assert.Contains("take a full backup", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var forced = await BackupAsync(admin, "full", HttpStatusCode.Created);
        var after = await ApiJson.GetAsync(admin, "/api/servers/pt/page-tracking");
        Assert.Equal(forced.GetProperty("id").GetString(), after.GetProperty("base_id").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("full_backup_needed").ValueKind);
    }

    private static async Task<JsonElement> BackupAsync(HttpClient client, string type, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/servers/pt/backups?wait=true", UriKind.Relative), new { type });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{type}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task AssertBadFieldAsync(HttpClient client, string path, string field)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
    }

    public void Dispose() => _data.Dispose();
}
