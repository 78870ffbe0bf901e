using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// A repository where an older release let one backup id stand under two servers: the rebuild
/// answers 200 and says so, the bare id is a 400 naming both, and server/id finds each.
/// </summary>
public sealed class BackupIdentityApiTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-api-ids-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task An_id_two_servers_hold_is_refused_bare_and_found_by_server_and_id()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("web", _datadir.Path);
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);

        using var full = await client.PostAsJsonAsync("/api/servers/web/backups?wait=true", new { type = "full" });
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        var id = JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        // What an older release could leave: the same id under the other server.
        var copy = Path.Combine(_data.Path, "backups", "shop", id);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        using (var cp = System.Diagnostics.Process.Start("cp", ["-a", Path.Combine(_data.Path, "backups", "web", id), copy]))
        {
            await cp.WaitForExitAsync();
        }

        var manifest = Path.Combine(copy, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"server\": \"web\"", "\"server\": \"shop\"", StringComparison.Ordinal));

        using var rebuild = await client.PostAsync(new Uri("/api/catalog/rebuild", UriKind.Relative), null);
        using var bare = await client.GetAsync(new Uri($"/api/backups/{id}", UriKind.Relative));
        var shop = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/servers/shop/backups/{id}", UriKind.Relative))).RootElement;
        var web = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/servers/web/backups/{id}", UriKind.Relative))).RootElement;

        Assert.Equal(HttpStatusCode.OK, rebuild.StatusCode);
        var rebuilt = JsonDocument.Parse(await rebuild.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, rebuilt.GetProperty("indexed").GetInt32());
        Assert.Contains($"shop/{id} or web/{id}", rebuilt.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal("application/problem+json", bare.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await bare.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("id", problem.GetProperty("field").GetString());
        Assert.Contains($"shop/{id}, web/{id}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("shop", shop.GetProperty("server").GetString());
        Assert.Equal(copy, Path.GetDirectoryName(shop.GetProperty("path").GetString()));
        Assert.Equal("web", web.GetProperty("server").GetString());

        using var plan = await client.PostAsJsonAsync($"/api/servers/shop/backups/{id}/restore-plan", new { datadir = _data.Combine("restored") });
        using var barePlan = await client.PostAsJsonAsync($"/api/backups/{id}/restore-plan", new { datadir = _data.Combine("restored") });
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal("shop", JsonDocument.Parse(await plan.Content.ReadAsStringAsync()).RootElement.GetProperty("restore_point").GetProperty("server").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, barePlan.StatusCode);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
