using System.Net;
using System.Text;
using System.Text.Json;

namespace BackupDashboard.Web.Tests;

/// <summary>In Production, every /api error is problem+json in words, with no stack trace and no request echoed back.</summary>
public class ApiProblemTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public ApiProblemTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task A_body_that_is_not_the_expected_json_is_a_400_problem_naming_the_field()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        client.DefaultRequestHeaders.Add("X-Secret-Header", "do-not-echo");

        using var response = await client.PostAsync(new Uri("/api/servers/x/backups", UriKind.Relative),
            new StringContent("""{"type": 12}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("type", problem.GetProperty("field").GetString());
        Assert.Contains("body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-echo", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_of_our_own_is_a_problem_with_its_reason_and_field()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var response = await client.PostAsync(new Uri("/api/servers/x/backups", UriKind.Relative),
            new StringContent("""{"type": "weekly"}""", Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("type", problem.GetProperty("field").GetString());
        Assert.Contains("full or incremental", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_things_and_strangers_get_problems_too()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var stranger = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var noBackup = await client.GetAsync(new Uri("/api/backups/nope", UriKind.Relative));
        using var noRoute = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        using var denied = await stranger.GetAsync(new Uri("/api/servers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, noBackup.StatusCode);
        Assert.Contains("No backup 'nope'", await noBackup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var response in new[] { noBackup, noRoute, denied })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, noRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
    }
}
