using AngleSharp.Dom;
using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BackupDashboard.Web.Tests;

/// <summary>The Servers page's test, add, edit and remove: who may, what is checked, what is stored and audited.</summary>
public sealed class ServersPageActionsTests : ComponentTest, IDisposable
{
    private static readonly RegisteredServer Db1 = new() { Name = "db1", Host = "10.0.0.5", Port = 3306, User = "backup", DataDir = "/var/lib/mysql" };

    private readonly MemoryAudit _audit = new();
    private readonly TempFolder _folder = new("bdash-servers-page-");
    private readonly MemoryCatalog _catalog = new();
    private readonly MemoryRetention _retention = new();

    [Fact]
    public async Task A_viewer_sees_test_add_edit_and_remove_disabled_with_the_reason_and_the_service_refuses_too()
    {
        var servers = new MemoryServers((Db1, "s3cret"));
        var page = RenderPage(servers, "vera", Role.Viewer);

        Assert.True(page.Find("#add-server").HasAttribute("disabled"));
        var row = page.Find("tr.server-row");
        Assert.True(row.QuerySelector(".server-test")!.HasAttribute("disabled"));
        Assert.True(row.QuerySelector(".server-edit")!.HasAttribute("disabled"));
        Assert.True(row.QuerySelector(".server-remove")!.HasAttribute("disabled"));
        Assert.Equal("Adding, editing or removing a server needs the admin role; vera is a viewer.", page.Find("#change-not-allowed").TextContent.Trim());
        Assert.Equal("Testing a server needs the operator role or higher; vera is a viewer.", page.Find("#test-not-allowed").TextContent.Trim());

        // A disabled button is not the only guard: the page's service refuses a viewer on its own.
        var administration = Services.GetRequiredService<ServerAdministration>();
        var refused = await administration.RemoveAsync("db1", withBackups: false);
        Assert.False(refused.Done);
        Assert.Single(servers.Servers);
        Assert.Equal(("vera", "remove server db1"), (_audit.Entries[^1].Who, _audit.Entries[^1].Action));
        Assert.StartsWith("refused: Removing a server needs the admin role", _audit.Entries[^1].Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_may_test_but_not_change_servers()
    {
        var page = RenderPage(new MemoryServers((Db1, null)), "olly", Role.Operator);

        var row = page.Find("tr.server-row");
        Assert.False(row.QuerySelector(".server-test")!.HasAttribute("disabled"));
        Assert.True(row.QuerySelector(".server-edit")!.HasAttribute("disabled"));
        Assert.True(page.Find("#add-server").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#test-not-allowed"));
    }

    [Theory]
    [InlineData("db 2", "/var/lib/mysql", "name", "'db 2' is not a server name")]
    [InlineData("db2", "var/lib/mysql", "datadir", "datadir must be an absolute path, not 'var/lib/mysql'.")]
    [InlineData("db1", "/var/lib/mysql", null, "A server named 'db1' is already registered.")]
    public void An_admins_bad_input_shows_the_fields_problem_and_stores_nothing(string name, string dataDir, string? field, string problem)
    {
        var servers = new MemoryServers((Db1, null));
        var page = RenderPage(servers, "ada", Role.Admin);

        page.Find("#add-server").Click();
        page.Find("#server-name").Change(name);
        page.Find("#server-host").Change("10.0.0.6");
        page.Find("#server-user").Change("bk");
        page.Find("#server-password").Change("pw");
        page.Find("#server-datadir").Change(dataDir);
        page.Find("#save-server").Click();

        if (field is not null)
        {
            var control = page.Find($"#server-{field}").Closest(".mud-input-control")!;
            Assert.Contains(problem, control.QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains(problem, page.Find("#server-change").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("#server-form"));
        Assert.Equal([Db1.Name], servers.Servers.Select(s => s.Name));
        Assert.Equal(Db1.DataDir, servers.Servers[0].DataDir);
        var entry = Assert.Single(_audit.Entries);
        Assert.Equal(($"add server {name}", "ada"), (entry.Action, entry.Who));
        Assert.StartsWith("refused: ", entry.Outcome, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", entry.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_adds_a_server_reached_through_a_socket()
    {
        var servers = new MemoryServers();
        var page = RenderPage(servers, "ada", Role.Admin);

        page.Find("#add-server").Click();
        page.Find("#server-name").Change("db2");
        page.FindAll("input[type=radio]")[1].Click();
        page.Find("#server-socket").Change("/run/mysqld/mysqld.sock");
        page.Find("#server-user").Change("bk");
        page.Find("#server-password").Change("n3w pw");
        page.Find("#server-datadir").Change("/var/lib/mysql");
        page.Find("#save-server").Click();

        var added = Assert.Single(servers.Servers);
        Assert.Equal(("db2", "/run/mysqld/mysqld.sock", null, "bk"), (added.Name, added.SocketPath, added.Host, added.User));
        Assert.Equal("n3w pw", servers.Password("db2"));
        Assert.Empty(page.FindAll("#server-form"));
        Assert.Single(page.FindAll("tr.server-row"));
        Assert.Equal(("add server db2", "done"), (_audit.Entries[0].Action, _audit.Entries[0].Outcome));
    }

    [Fact]
    public async Task Removing_keeps_the_backups_unless_asked_and_deleting_them_asks_for_the_name_typed_out()
    {
        var servers = new MemoryServers((Db1, "s3cret"), (Db1 with { Name = "db2" }, "pw2"));
        var kept = await BackupOfAsync("db1", "20261201T020000Z-full");
        var doomed = await BackupOfAsync("db2", "20261201T030000Z-full");
        var page = RenderPage(servers, "ada", Role.Admin);

        // Kept: the default.
        page.Find("tr.server-row[data-server=db1] .server-remove").Click();
        Assert.Contains("Its 1 backups (4.0 KiB) stay", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        page.Find("#remove-accept").Click();
        page.WaitForAssertion(() => Assert.DoesNotContain(servers.Servers, s => s.Name == "db1"));
        Assert.True(Directory.Exists(kept.Directory));
        Assert.Single(await _catalog.ListAsync("db1", CancellationToken.None));
        Assert.Equal(("remove server db1", "done"), (_audit.Entries[^1].Action, _audit.Entries[^1].Outcome));

        // Deleted: only once the name is typed exactly.
        page.Find("tr.server-row[data-server=db2] .server-remove").Click();
        page.WaitForElement("input#remove-with-backups").Change(true);
        Assert.True(page.Find("#remove-accept").HasAttribute("disabled"));
        page.Find("#remove-confirm-name").Input("db");
        Assert.True(page.Find("#remove-accept").HasAttribute("disabled"));
        page.Find("#remove-confirm-name").Input("db2");
        Assert.False(page.Find("#remove-accept").HasAttribute("disabled"));
        page.Find("#remove-accept").Click();

        page.WaitForAssertion(() => Assert.Empty(servers.Servers));
        Assert.False(Directory.Exists(doomed.Directory));
        Assert.False(Directory.Exists(_folder.Combine("repo", "db2")));
        Assert.Empty(await _catalog.ListAsync("db2", CancellationToken.None));
        Assert.Equal("its server db2 was removed with its backups", Assert.Single(_retention.Deletions).Why);
        Assert.Contains("with its schedule and its 1 backups", page.Find("#server-change").TextContent, StringComparison.Ordinal);
        Assert.Equal(("remove server db2 with its backups", "done"), (_audit.Entries[^1].Action, _audit.Entries[^1].Outcome));
        Assert.True(Directory.Exists(kept.Directory));
    }

    [Fact]
    public void An_edit_with_the_password_left_empty_keeps_the_stored_password_and_the_name()
    {
        var servers = new MemoryServers((Db1, "s3cret"));
        var page = RenderPage(servers, "ada", Role.Admin);

        page.Find("tr.server-row .server-edit").Click();
        Assert.True(page.Find("#server-name").HasAttribute("disabled"));
        Assert.Equal("", page.Find("#server-password").GetAttribute("value") ?? "");
        page.Find("#server-user").Change("backup2");
        page.Find("#server-port").Change("3307");
        page.Find("#save-server").Click();

        var edited = Assert.Single(servers.Servers);
        Assert.Equal(("db1", "backup2", 3307, true), (edited.Name, edited.User, edited.Port, edited.HasPassword));
        Assert.Equal("s3cret", servers.Password("db1"));
        Assert.Contains("The password is unchanged.", page.Find("#server-change").TextContent, StringComparison.Ordinal);
        Assert.Equal(("edit server db1", "done"), (_audit.Entries[0].Action, _audit.Entries[0].Outcome));
    }

    [Fact]
    public async Task Testing_a_real_server_shows_its_version_page_size_and_lsn()
    {
        await using var db = await ThrowawayMariaDb.StartAsync("innodb_page_size=8k");
        var server = new RegisteredServer { Name = "real", SocketPath = db.SocketPath, User = "root", DataDir = db.DataDir };
        var page = RenderPage(new MemoryServers((server, null)), "olly", Role.Operator);
        var lsnBefore = ulong.Parse((await db.ScalarAsync("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_LSN_CURRENT'"))!,
            System.Globalization.CultureInfo.InvariantCulture);

        page.Find("tr.server-row .server-test").Click();
        var report = page.WaitForElement("tr.server-test-result dl", TimeSpan.FromSeconds(30));

        var lsnAfter = ulong.Parse((await db.ScalarAsync("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_LSN_CURRENT'"))!,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(await db.ScalarAsync("SELECT VERSION()"), Text(report, ".report-version"));
        Assert.Equal("8192", Text(report, ".report-page-size"));
        var lsn = ulong.Parse(Text(report, ".report-lsn"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lsn, Math.Max(lsnBefore, 1), lsnAfter);
        Assert.Equal(SourceIdentity.SameDir(db.DataDir), SourceIdentity.SameDir(Text(report, ".report-datadir")));
        Assert.Equal("not applicable (MariaDB)", Text(report, ".report-page-tracking"));
        Assert.Equal(("test server real", "done"), (_audit.Entries[0].Action, _audit.Entries[0].Outcome));
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_said_in_plain_words()
    {
        var unreachable = new RegisteredServer { Name = "gone", SocketPath = "/nonexistent/mysqld.sock", User = "bk", DataDir = "/var/lib/mysql" };
        var page = RenderPage(new MemoryServers((unreachable, null)), "olly", Role.Operator);

        page.Find("tr.server-row .server-test").Click();
        var problem = page.WaitForElement("tr.server-test-result .report-problem", TimeSpan.FromSeconds(30));

        Assert.StartsWith("Cannot connect to gone (socket /nonexistent/mysqld.sock): ", problem.TextContent.Trim(), StringComparison.Ordinal);
    }

    private static string Text(IElement report, string selector) => report.QuerySelector(selector)!.TextContent.Trim();

    private IRenderedComponent<IComponent> RenderPage(MemoryServers servers, string user, Role role)
    {
        SignInAs(user, role);
        Services.AddSingleton<IServerRegistry>(servers);
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton<Engine.Backups.IBackupCatalog>(_catalog);
        Services.AddSingleton(new ServerRemoval(servers, new Engine.Retention.RetentionRunner(_catalog, _retention, servers,
            new Engine.Backups.BackupRepository(_folder.Combine("repo")), Directory.CreateDirectory(_folder.Combine("locks")).FullName, TimeProvider.System)));
        Services.AddScoped<ServerAdministration>();
        return RenderWithProviders<Servers>();
    }

    /// <summary>A succeeded full of the server, its folder on disk as the repository lays it out.</summary>
    private async Task<Engine.Backups.BackupRecord> BackupOfAsync(string server, string id)
    {
        var directory = Directory.CreateDirectory(_folder.Combine("repo", server, id)).FullName;
        await File.WriteAllBytesAsync(Path.Combine(directory, "ibdata1"), new byte[4096]);
        var record = new Engine.Backups.BackupRecord
        {
            Id = id, Server = server, Kind = Engine.Tools.BackupKind.Full, ToolName = "mariabackup", StartedAt = DateTimeOffset.UnixEpoch,
            Status = Engine.Backups.BackupStatus.Succeeded, Directory = directory, ToLsn = 1000, Bytes = 4096,
        };
        await _catalog.SaveAsync(record, CancellationToken.None);
        return record;
    }

    public new void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
