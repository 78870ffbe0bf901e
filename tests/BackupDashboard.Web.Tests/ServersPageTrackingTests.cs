using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>The Servers page's test result shows page tracking (against <see cref="PageTrackingServer"/>) and gives admins its actions, audited.</summary>
public sealed class ServersPageTrackingTests : ComponentTest, IClassFixture<PageTrackingServer>, IDisposable
{
    private readonly PageTrackingServer _double;
    private readonly MemoryAudit _audit = new();
    private readonly TempFolder _folder = new("bdash-servers-tracking-");
    private readonly MemoryCatalog _catalog = new();

    public ServersPageTrackingTests(PageTrackingServer server) => _double = server;

    private RegisteredServer Server => new()
    {
        Name = "mysql8", Host = PageTrackingServer.Host, Port = _double.Port, User = PageTrackingServer.User, DataDir = _double.Db.DataDir,
        Tool = Engine.Tools.BackupToolKind.XtraBackup,
    };

    [Fact]
    public void An_admin_installs_and_starts_page_tracking_from_the_test_result()
    {
        var page = RenderPage("ada", Role.Admin);

        page.Find("tr.server-row .server-test").Click();
        page.WaitForAssertion(() => Assert.Equal("not installed", Tracking(page)), TimeSpan.FromSeconds(30));
        page.Find(".page-tracking-install").Click();
        page.WaitForAssertion(() => Assert.Equal("installed, not tracking; FULL BACKUP NEEDED: There is no good backup yet: the next backup is a full.", Tracking(page)),
            TimeSpan.FromSeconds(30));
        page.Find(".page-tracking-start").Click();
        page.WaitForAssertion(() => Assert.StartsWith("installed, tracking since LSN ", Tracking(page), StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.StartsWith("Started page tracking at LSN ", page.Find("#server-change").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(_audit.Entries, e => e.Action == "page tracking install on server mysql8" && e.Outcome == "done");
    }

    [Fact]
    public async Task An_operator_sees_the_status_without_the_buttons_and_the_service_refuses_them()
    {
        var page = RenderPage("olly", Role.Operator);

        page.Find("tr.server-row .server-test").Click();
        page.WaitForElement("tr.server-test-result .report-page-tracking", TimeSpan.FromSeconds(30));
        var refused = await Services.GetRequiredService<ServerAdministration>().ChangePageTrackingAsync("mysql8", PageTrackingAction.Uninstall);

        Assert.Empty(page.FindAll("[class*='page-tracking-']"));
        Assert.False(refused.Done);
        Assert.StartsWith("refused: Changing page tracking needs the admin role", _audit.Entries[^1].Outcome, StringComparison.Ordinal);
    }

    private static string Tracking(IRenderedComponent<IComponent> page)
    {
        var cell = page.Find("tr.server-test-result .report-page-tracking");
        return string.Concat(cell.ChildNodes.Where(n => n.NodeType == AngleSharp.Dom.NodeType.Text).Select(n => n.TextContent)).Trim();
    }

    private IRenderedComponent<IComponent> RenderPage(string user, Role role)
    {
        SignInAs(user, role);
        var servers = new MemoryServers((Server, PageTrackingServer.Password));
        Services.AddSingleton<IServerRegistry>(servers);
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton<Engine.Backups.IBackupCatalog>(_catalog);
        Services.AddSingleton(new ServerRemoval(servers, new Engine.Retention.RetentionRunner(_catalog, new MemoryRetention(), servers,
            new Engine.Backups.BackupRepository(_folder.Combine("repo")), Directory.CreateDirectory(_folder.Combine("locks")).FullName, TimeProvider.System)));
        Services.AddScoped<ServerAdministration>();
        return RenderWithProviders<Servers>();
    }

    public new void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }
}
