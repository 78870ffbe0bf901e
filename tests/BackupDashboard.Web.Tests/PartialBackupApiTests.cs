using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// POST …/backups checks a partial backup's databases, tables and tables_exclude before anything
/// is queued, takes it with the real mariabackup, refuses it as a base, and shows its restore plan
/// without running it.
/// </summary>
public class PartialBackupApiTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public PartialBackupApiTests(DashboardFactory factory) => _factory = factory;

    [Theory]
    [InlineData("""{"type": "full", "tables": "(shop"}""", "tables", "tables '(shop' is not a regular expression")]
    [InlineData("""{"type": "full", "databases": " "}""", "databases", "databases is empty")]
    [InlineData("""{"type": "full", "tables_exclude": "a\u0007b"}""", "tables_exclude", "tables_exclude 'a\\u0007b' holds control characters")]
    [InlineData("""{"type": "incremental", "databases": "shop"}""", "type", "type must be full (an incremental after a partial backup may be inconsistent)")]
    public async Task A_bad_filter_is_a_400_problem_naming_the_field(string body, string field, string detail)
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var response = await client.PostAsync(new Uri("/api/servers/x/backups", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_backup_is_taken_marked_refused_as_a_base_and_its_restore_is_planned_not_run()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        await db.ExecuteAsync("CREATE USER 'api'@'localhost' IDENTIFIED BY 'api secret'");
        await db.ExecuteAsync("GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'api'@'localhost'");
        await db.ExecuteAsync("CREATE DATABASE shop");
        await db.ExecuteAsync("CREATE TABLE shop.orders (id INT PRIMARY KEY) ENGINE=InnoDB");
        using var client = await _factory.CreateSignedInClientAsync();
        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "partapi", socket = db.SocketPath, user = "api", password = "api secret", datadir = db.DataDir });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        using var partial = await client.PostAsJsonAsync("/api/servers/partapi/backups?wait=true", new { type = "full", databases = "shop" });
        var backup = JsonDocument.Parse(await partial.Content.ReadAsStringAsync()).RootElement;
        var id = backup.GetProperty("id").GetString();
        using var onIt = await client.PostAsJsonAsync("/api/servers/partapi/backups?wait=true", new { type = "incremental", base_id = id });
        using var plan = await client.PostAsJsonAsync($"/api/backups/{id}/restore-plan", new { datadir = db.DataDir });
        using var restore = await client.PostAsJsonAsync($"/api/backups/{id}/restore?wait=true", new { datadir = db.DataDir });

        Assert.Equal(HttpStatusCode.Created, partial.StatusCode);
        Assert.True(backup.GetProperty("partial").GetBoolean());
        Assert.Equal("shop", backup.GetProperty("partial_filter").GetProperty("databases").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, onIt.StatusCode);
        Assert.Contains("may be inconsistent", await onIt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var planJson = JsonDocument.Parse(await plan.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("operator", planJson.GetProperty("run_by").GetString());
        Assert.Contains("import-tablespace", planJson.GetProperty("steps").EnumerateArray().Select(st => st.GetProperty("kind").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, restore.StatusCode);
        Assert.Contains("run by the operator", await restore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
