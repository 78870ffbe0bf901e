using System.Net;
using System.Text.Json;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

public class HealthEndpointTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public HealthEndpointTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_reports_catalog_hangfire_and_the_installed_tools_with_their_versions()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("catalog").GetProperty("ok").GetBoolean());
        Assert.Contains(Path.Combine(_factory.DataDir, "catalog.db"), root.GetProperty("catalog").GetProperty("detail").GetString(), StringComparison.Ordinal);
        var jobs = root.GetProperty("jobs");
        Assert.True(jobs.GetProperty("ok").GetBoolean(), jobs.GetProperty("detail").GetString());
        Assert.Contains("Hangfire running", jobs.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_factory.DataDir, "jobs.db"), jobs.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var expected = InstalledTool.ParseVersion((await CommandResult.RunAsync(RequiredTool.MariaBackup, ["--version"], CancellationToken.None)).StandardError);
        var mariabackup = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "mariabackup");
        Assert.True(mariabackup.GetProperty("found").GetBoolean());
        Assert.Equal(expected, mariabackup.GetProperty("version").GetString());
        var xtrabackup = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "xtrabackup");
        Assert.False(xtrabackup.GetProperty("found").GetBoolean());
        Assert.Contains("not found", xtrabackup.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_keeps_its_jobs_in_a_sqlite_file_in_the_data_folder()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        var store = Path.Combine(_factory.DataDir, "jobs.db");
        Assert.True(File.Exists(store));
        Assert.StartsWith("SQLite format 3", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(store).AsSpan(0, 15)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_health_endpoint()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("\"/healthz\"", document, StringComparison.Ordinal);
    }
}
