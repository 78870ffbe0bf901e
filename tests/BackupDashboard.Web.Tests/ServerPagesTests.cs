using BackupDashboard.Web.Components;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Health;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

public class ServerPagesTests : ComponentTest
{
    private static readonly ServerSummary Sandbox = new("sandbox", "socket /data/sandbox/mysqld.sock", "root", "/data/sandbox/datadir", "MariaBackup", true);
    private static readonly ServerSummary Production = new("db1", "10.0.0.5:3306", "backup", "/var/lib/mysql", "XtraBackup", false);

    [Fact]
    public void The_servers_page_lists_every_server_and_marks_the_sandbox()
    {
        Services.AddSingleton<IServerOverview>(new FixedOverview([Production, Sandbox]));

        var page = Render<Servers>();

        var rows = page.FindAll("#servers-grid tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("db1", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("10.0.0.5:3306", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("XtraBackup", rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("sandbox", rows[1].QuerySelector(".bd-sandbox")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_servers_page_says_how_to_add_a_server_when_there_is_none()
    {
        Services.AddSingleton<IServerOverview>(new FixedOverview([]));

        var page = Render<Servers>();

        Assert.Empty(page.FindAll("#servers-grid"));
        Assert.Contains("bdash server add", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_health_table_shows_a_missing_tool_with_its_problem()
    {
        var report = new HealthReport("healthy", new(true, "catalog ok"), new(true, "Hangfire running"), new(true, "off"),
            [new ToolHealth("mariabackup", true, "/usr/bin/mariabackup", "10.11.19", null), new ToolHealth("xtrabackup", false, null, null, "xtrabackup not found on PATH")],
            "/app", "/data");

        var table = Render<HealthTable>(p => p.Add(t => t.Report, report));

        var cells = table.FindAll("#health-report tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal("✔ 10.11.19 (/usr/bin/mariabackup)", cells["mariabackup"].Trim());
        Assert.Equal("✘ xtrabackup not found on PATH", cells["xtrabackup"].Trim());
    }

    private sealed class FixedOverview(IReadOnlyList<ServerSummary> servers) : IServerOverview
    {
        public Task<IReadOnlyList<ServerSummary>> ListServersAsync(CancellationToken cancellationToken) => Task.FromResult(servers);

        public Task<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("not used by these pages");
    }
}
