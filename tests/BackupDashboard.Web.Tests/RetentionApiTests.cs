using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>/api/servers/{name}/retention: a policy refused field by field, a dry run, a run, and the record of it.</summary>
public sealed class RetentionApiTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-api-retention-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task A_policy_is_checked_field_by_field_and_a_run_deletes_what_its_dry_run_listed()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        var fulls = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var full = await client.PostAsJsonAsync("/api/servers/shop/backups?wait=true", new { type = "full" });
            Assert.Equal(HttpStatusCode.Created, full.StatusCode);
            fulls.Add(JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        using var noPolicy = await client.PostAsync(new Uri("/api/servers/shop/retention/run", UriKind.Relative), null);
        await AssertProblemAsync(noPolicy, HttpStatusCode.BadRequest, "server", "no retention policy");
        using var zero = await client.PutAsJsonAsync("/api/servers/shop/retention", new { keep_chains = 0 });
        await AssertProblemAsync(zero, HttpStatusCode.BadRequest, "keep_chains", "from 1 to");
        using var days = await client.PutAsJsonAsync("/api/servers/shop/retention", new { keep_days = 100_000 });
        await AssertProblemAsync(days, HttpStatusCode.BadRequest, "keep_days", "from 1 to");
        using var unknown = await client.PutAsJsonAsync("/api/servers/nosuch/retention", new { keep_chains = 1 });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var set = await client.PutAsJsonAsync("/api/servers/shop/retention", new { keep_chains = 1 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var dry = await PostJsonAsync(client, "/api/servers/shop/retention/run?dry_run=true");
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        Assert.Equal(fulls[0], dry.GetProperty("deleted")[0].GetProperty("full_id").GetString());
        Assert.Equal(2, JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/shop/backups", UriKind.Relative))).RootElement.GetArrayLength());

        var run = await PostJsonAsync(client, "/api/servers/shop/retention/run");

        Assert.False(run.GetProperty("dry_run").GetBoolean());
        Assert.Equal(fulls[0], Assert.Single(run.GetProperty("deleted").EnumerateArray()).GetProperty("full_id").GetString());
        var left = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/shop/backups", UriKind.Relative))).RootElement;
        Assert.Equal(fulls[1], Assert.Single(left.EnumerateArray()).GetProperty("id").GetString());
        var shown = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/shop/retention", UriKind.Relative))).RootElement;
        Assert.Equal(1, shown.GetProperty("policy").GetProperty("keep_chains").GetInt32());
        var deletion = Assert.Single(shown.GetProperty("deletions").EnumerateArray());
        Assert.EndsWith("(api)", deletion.GetProperty("who").GetString(), StringComparison.Ordinal);
        Assert.Equal(run.GetProperty("bytes_freed").GetInt64(), deletion.GetProperty("bytes_freed").GetInt64());
    }

    [Fact]
    public async Task The_daily_retention_job_carries_out_every_policy_as_the_schedule()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        await client.AddFakeXtraBackupServerAsync("web", _datadir.Path);
        foreach (var server in new[] { "shop", "shop", "web", "web" })
        {
            using var full = await client.PostAsJsonAsync($"/api/servers/{server}/backups?wait=true", new { type = "full" });
            Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        }

        using var set = await client.PutAsJsonAsync("/api/servers/shop/retention", new { keep_chains = 1 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using (var connection = factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection())
        {
            var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "retention");
            Assert.Equal("0 3 * * *", job.Cron);
        }

        factory.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger("retention");

        async Task<JsonElement> Deletions(string server) =>
            JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/servers/{server}/retention", UriKind.Relative))).RootElement.GetProperty("deletions");
        Assert.True(await Eventually.HoldsAsync(async () => (await Deletions("shop")).GetArrayLength() == 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("schedule", (await Deletions("shop"))[0].GetProperty("who").GetString());
        // A server without a policy keeps everything.
        Assert.Equal(0, (await Deletions("web")).GetArrayLength());
        Assert.Equal(2, JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/web/backups", UriKind.Relative))).RootElement.GetArrayLength());
    }

    private static async Task<JsonElement> PostJsonAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
