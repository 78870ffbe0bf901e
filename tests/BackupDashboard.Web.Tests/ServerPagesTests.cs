using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Components;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Health;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

public class ServerPagesTests : ComponentTest
{
    /// <summary>The page's service with what it needs; these tests list and never remove, so the repository is never read.</summary>
    private void AddAdministration()
    {
        var catalog = new MemoryCatalog();
        Services.AddSingleton<IAuditLog>(new MemoryAudit());
        Services.AddSingleton<Engine.Backups.IBackupCatalog>(catalog);
        Services.AddSingleton(provider => new ServerRemoval(provider.GetRequiredService<IServerRegistry>(), new Engine.Retention.RetentionRunner(catalog, new MemoryRetention(),
            provider.GetRequiredService<IServerRegistry>(), new Engine.Backups.BackupRepository("/nonexistent/repository"), "/nonexistent/locks", TimeProvider.System)));
        Services.AddScoped<ServerAdministration>();
    }

    [Fact]
    public void The_servers_page_lists_every_server_and_marks_the_sandbox()
    {
        SignInAs("vera", Engine.Access.Role.Viewer);
        Services.AddSingleton<IServerRegistry>(new MemoryServers(
            (new RegisteredServer { Name = "db1", Host = "10.0.0.5", Port = 3306, User = "backup", DataDir = "/var/lib/mysql", Tool = BackupToolKind.XtraBackup }, null),
            (new RegisteredServer { Name = "sandbox", SocketPath = "/data/sandbox/mysqld.sock", User = "root", DataDir = "/data/sandbox/datadir", IsSandbox = true }, null)));
        AddAdministration();

        var page = Render<Servers>();

        var rows = page.FindAll("#servers-grid tr.server-row");
        Assert.Equal(2, rows.Count);
        Assert.Contains("db1", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("10.0.0.5:3306", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("xtrabackup", rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("sandbox", rows[1].QuerySelector(".bd-sandbox")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_servers_page_says_how_to_add_a_server_when_there_is_none()
    {
        SignInAs("vera", Engine.Access.Role.Viewer);
        Services.AddSingleton<IServerRegistry>(new MemoryServers());
        AddAdministration();

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
}
