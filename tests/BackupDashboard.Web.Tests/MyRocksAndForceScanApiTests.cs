using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The API's side of docs/tool-adapters.md, "MyRocks" and "Warnings": a backup's JSON says how many
/// of its bytes are MyRocks files copied whole, and incremental_force_scan is refused, naming the
/// field, for a full and for an XtraBackup without changed page bitmaps (the fake is 8.0.35).
/// </summary>
public sealed class MyRocksAndForceScanApiTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-api-myrocks-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }

    [Fact]
    public async Task Each_backup_shows_its_MyRocks_bytes_and_share_and_force_scan_is_refused_naming_the_field()
    {
        Directory.CreateDirectory(_datadir.Combine(".rocksdb"));
        await File.WriteAllBytesAsync(_datadir.Combine(".rocksdb", "000012.sst"), new byte[300_000]);
        await File.WriteAllTextAsync(_datadir.Combine(".rocksdb", "CURRENT"), "MANIFEST-000004\n");
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("rocks", _datadir.Path);

        using var fullWithScan = await client.PostAsJsonAsync("/api/servers/rocks/backups?wait=true", new { type = "full", incremental_force_scan = true });
        await AssertRefusedAsync(fullWithScan, "a full reads every page anyway");

        using var full = await client.PostAsJsonAsync("/api/servers/rocks/backups?wait=true", new { type = "full" });
        using var incremental = await client.PostAsJsonAsync("/api/servers/rocks/backups?wait=true", new { type = "incremental" });
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        Assert.Equal(HttpStatusCode.Created, incremental.StatusCode);
        foreach (var backup in (await client.GetFromJsonAsync<JsonElement>("/api/servers/rocks/backups")).EnumerateArray())
        {
            // Both hold the MyRocks files whole; the incremental holds little else, so they are most of it.
            Assert.Equal(300_016, backup.GetProperty("myrocks_bytes").GetInt64());
            Assert.Equal(300_016.0 / backup.GetProperty("bytes").GetInt64(), backup.GetProperty("myrocks_share").GetDouble(), 6);
            Assert.Empty(backup.GetProperty("warnings").EnumerateArray());
        }

        using var scan = await client.PostAsJsonAsync("/api/servers/rocks/backups?wait=true", new { type = "incremental", incremental_force_scan = true });
        await AssertRefusedAsync(scan, "8.0.30 removed that algorithm");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string why)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("incremental_force_scan", problem.GetProperty("field").GetString());
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
