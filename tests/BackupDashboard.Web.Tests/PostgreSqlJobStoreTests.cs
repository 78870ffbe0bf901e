using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackupDashboard.Web.Tests;

/// <summary>Moving Hangfire's job store to PostgreSQL is configuration only; backups still run as jobs there.</summary>
public sealed class PostgreSqlJobStoreTests : IDisposable
{
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    [Fact]
    public async Task With_storage_postgresql_the_jobs_live_in_postgresql_and_a_backup_runs_as_one_of_them()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        using var dashboard = new DashboardFactory();
        dashboard.Settings["BackupDashboard:Jobs:Storage"] = "PostgreSQL";
        dashboard.Settings["BackupDashboard:Jobs:PostgreSQLConnectionString"] = postgres.ConnectionString;
        using var client = await dashboard.CreateSignedInClientAsync();

        var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative))).RootElement.GetProperty("jobs");
        await client.AddFakeXtraBackupServerAsync("pgjobs", _datadir.Path);
        using var backup = await client.PostAsJsonAsync("/api/servers/pgjobs/backups?wait=true", new { type = "full" });

        Assert.True(health.GetProperty("ok").GetBoolean(), health.GetProperty("detail").GetString());
        Assert.Contains($"PostgreSQL storage 127.0.0.1:{postgres.Port}/postgres", health.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, backup.StatusCode);
        Assert.False(File.Exists(Path.Combine(dashboard.DataDir, "jobs.db")));
        // The API answers when the backup is recorded; Hangfire marks the job a moment later.
        var monitoring = dashboard.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.HoldsAsync(() => monitoring.SucceededListCount() > 0, TimeSpan.FromSeconds(10));

        Assert.Equal("pgjobs", Assert.Single(monitoring.SucceededJobs(0, 10)).Value.Job.Args[0]);
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public void A_storage_this_build_does_not_have_stops_the_start_with_the_setting_named()
    {
        using var dashboard = new DashboardFactory();
        dashboard.Settings["BackupDashboard:Jobs:Storage"] = "Redis";

        var error = Assert.Throws<InvalidOperationException>(() => dashboard.CreateClient());

        Assert.Contains("BackupDashboard:Jobs:Storage is 'Redis'; it must be 'SQLite' or 'PostgreSQL'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _datadir.Dispose();
}
