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
    public async Task Healthz_reports_catalog_hangfire_and_the_installed_tools_with_their_versions_to_a_signed_in_user()
    {
        using var client = await _factory.CreateSignedInClientAsync();

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
        // Not on PATH here: the program the installer configured (BackupDashboard:Tools:XtraBackup, the fake on test dashboards).
        var xtrabackup = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "xtrabackup");
        Assert.True(xtrabackup.GetProperty("found").GetBoolean());
        Assert.Equal(FakeXtraBackup.Path, xtrabackup.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_stranger_hears_only_up_or_down_and_gets_no_openapi_document()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var openApi = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateObject());
        Assert.DoesNotContain(_factory.DataDir, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, openApi.StatusCode);
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
        using var client = await _factory.CreateSignedInClientAsync();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("\"/healthz\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative));
        request.Headers.Host = "backups.attacker.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
