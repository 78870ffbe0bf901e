using System.Net;
using System.Text.Json;
using BackupDashboard.Engine.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>GET /api/jobs pages, sorts and bounds by day in the catalog, says the total in X-Total-Count, and refuses bad values field by field.</summary>
public sealed class JobHistoryPagingApiTests
{
    [Fact]
    public async Task Offset_sort_and_days_reach_the_catalog_and_bad_ones_are_400_naming_the_field()
    {
        using var factory = new DashboardFactory();
        using var client = await factory.CreateSignedInClientAsync();
        var history = factory.Services.GetRequiredService<IJobHistory>();
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var run = await history.QueueAsync(JobKind.Verify, i % 2 == 0 ? "even" : "odd", JobTrigger.Api, $"b{i}", CancellationToken.None);
            ids.Add(run.Id);
        }

        using var page = await client.GetAsync(new Uri("/api/jobs?sort=queued&offset=4&limit=3", UriKind.Relative));
        var runs = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var byServer = await ApiJson.GetAsync(client, $"/api/jobs?sort=-server&from={today}&limit=1000");
        var tomorrow = await ApiJson.GetAsync(client, $"/api/jobs?from={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(ids.Skip(4).Take(3), runs);
        Assert.Equal("12", Assert.Single(page.Headers.GetValues("X-Total-Count")));
        Assert.Equal([.. Enumerable.Repeat("odd", 6), .. Enumerable.Repeat("even", 6)], byServer.EnumerateArray().Select(r => ApiJson.Text(r, "server")));
        Assert.Empty(tomorrow.EnumerateArray());
        foreach (var (query, field) in new[] { ("offset=-1", "offset"), ("offset=x", "offset"), ("sort=size", "sort"), ("sort=Duration", "sort"), ("from=yesterday", "from"), ("to=2026-13-01", "to") })
        {
            using var refused = await client.GetAsync(new Uri($"/api/jobs?{query}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(field, ApiJson.Text(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement, "field"));
        }
    }
}
