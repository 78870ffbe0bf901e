using System.Net;
using System.Text;
using System.Text.Json;

namespace BackupDashboard.Web.Tests;

/// <summary>POST …/backups checks a partial backup's databases, tables and tables_exclude before anything is queued.</summary>
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
}
