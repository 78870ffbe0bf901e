using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// A restore request with a missing, relative or junk datadir, a junk owner, or an owner that does
/// not exist here is a 400 naming the field, with nothing written.
/// </summary>
public sealed class RestoreRefusalApiTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-api-rr-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task Bad_restore_requests_are_400_naming_the_field_and_write_nothing()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("db", _datadir.Path);
        using var full = await client.PostAsJsonAsync("/api/servers/db/backups?wait=true", new { type = "full" });
        var id = JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var target = _data.Combine("restored");

        (object Body, string Field)[] refused =
        [
            (new { datadir = "" }, "datadir"),
            (new { datadir = "restored" }, "datadir"),
            (new { datadir = "/" }, "datadir"),
            (new { datadir = target + "\u0000x" }, "datadir"),
            (new { datadir = target, owner = "mysql;rm -rf /" }, "owner"),
            (new { datadir = target, scratch = "work" }, "scratch"),
            (new { datadir = target, owner = "no-such-user-here" }, "owner"),
            (new { datadir = target, owner = "root:no-such-group-here" }, "owner"),
        ];
        foreach (var (body, field) in refused)
        {
            using var response = await client.PostAsJsonAsync($"/api/backups/{id}/restore", body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(field, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        }

        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(target + ".restore-work"));
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
