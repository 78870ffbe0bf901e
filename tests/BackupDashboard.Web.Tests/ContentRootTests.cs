using System.Net;
using System.Text.Json;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>The top-level appsettings.json and wwwroot/ are the ones the app really uses.</summary>
public class ContentRootTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public ContentRootTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task The_app_serves_the_top_level_wwwroot_files_byte_for_byte()
    {
        using var client = _factory.CreateClient();

        var served = await client.GetByteArrayAsync(new Uri("/css/app.css", UriKind.Relative));

        Assert.Equal(await File.ReadAllBytesAsync(RepositoryRoot.Combine("wwwroot", "css", "app.css")), served);
    }

    [Fact]
    public async Task The_app_reads_the_top_level_appsettings_json()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var configuration = _factory.Services.GetRequiredService<IConfiguration>();
        using var topLevel = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("appsettings.json")));

        Assert.Equal(Path.TrimEndingDirectorySeparator(RepositoryRoot.Path),
            Path.TrimEndingDirectorySeparator(health.RootElement.GetProperty("content_root").GetString()!));
        Assert.Equal(topLevel.RootElement.GetProperty("Kestrel").GetProperty("Endpoints").GetProperty("Http").GetProperty("Url").GetString(),
            configuration["Kestrel:Endpoints:Http:Url"]);
        Assert.Equal(topLevel.RootElement.GetProperty("BackupDashboard").GetProperty("AdminUser").GetString(),
            configuration["BackupDashboard:AdminUser"]);
    }

    [Fact]
    public void The_web_project_has_no_appsettings_or_wwwroot_of_its_own_to_drift_from_the_top_level_ones()
    {
        var project = RepositoryRoot.Combine("src", "BackupDashboard.Web");

        Assert.False(File.Exists(Path.Combine(project, "appsettings.json")));
        Assert.False(Directory.Exists(Path.Combine(project, "wwwroot")));
    }

    [Fact]
    public async Task Blazor_web_js_is_served_from_the_build_and_is_the_real_script()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(script.Length > 100_000, $"blazor.web.js is only {script.Length} bytes");
        Assert.Contains("Blazor", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MudBlazor_assets_are_served_with_their_content_in_production()
    {
        using var client = _factory.CreateClient();

        var css = await client.GetStringAsync(new Uri("/_content/MudBlazor/MudBlazor.min.css", UriKind.Relative));
        var js = await client.GetStringAsync(new Uri("/_content/MudBlazor/MudBlazor.min.js", UriKind.Relative));

        Assert.Contains(".mud-", css, StringComparison.Ordinal);
        Assert.True(js.Length > 10_000, $"MudBlazor.min.js is only {js.Length} bytes");
        Assert.Contains("mud", js, StringComparison.Ordinal);
    }
}
