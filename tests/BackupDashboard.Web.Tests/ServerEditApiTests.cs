using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.Engine.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// PUT and DELETE /api/servers/{name}: admin only, the registration rules of POST with the field
/// named in a 400, the name and (when none is given) the password kept, backups never deleted.
/// </summary>
public sealed class ServerEditApiTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public ServerEditApiTests(DashboardFactory factory) => _factory = factory;

    private IServerRegistry Registry => _factory.Services.GetRequiredService<IServerRegistry>();

    [Fact]
    public async Task An_admins_put_changes_the_server_and_keeps_the_password_unless_a_new_one_is_given()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        await AddAsync(admin, "edited", "first pw");

        using var kept = await admin.PutAsJsonAsync(new Uri("/api/servers/edited", UriKind.Relative),
            new { host = "10.0.0.9", port = 3307, user = "bk2", datadir = "/srv/mysql", tool = "xtrabackup" });
        var answer = JsonDocument.Parse(await kept.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(("10.0.0.9:3307", "bk2", "/srv/mysql", "xtrabackup"),
            (ApiJson.Text(answer, "endpoint"), ApiJson.Text(answer, "user"), ApiJson.Text(answer, "datadir"), ApiJson.Text(answer, "tool")));
        Assert.True(answer.GetProperty("has_password").GetBoolean());
        Assert.Equal("first pw", await Registry.GetPasswordAsync("edited", CancellationToken.None));

        using var replaced = await admin.PutAsJsonAsync(new Uri("/api/servers/edited", UriKind.Relative),
            new { name = "edited", socket = "/run/mysqld.sock", user = "bk2", password = "second pw", datadir = "/srv/mysql" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("second pw", await Registry.GetPasswordAsync("edited", CancellationToken.None));
        Assert.Equal("/run/mysqld.sock", (await Registry.FindAsync("edited", CancellationToken.None))!.SocketPath);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"socket":"/run/mysqld.sock","user":"bk","datadir":"relative"}""", "datadir" },
        { """{"socket":"/run/mysqld.sock","host":"h","port":3306,"user":"bk","datadir":"/d"}""", "host" },
        { """{"name":"renamed","socket":"/run/mysqld.sock","user":"bk","datadir":"/d"}""", "name" },
        { """{"socket":"/run/mysqld.sock","user":"bk","datadir":"/d","tool_path":"/tmp/evil"}""", "tool_path" },
        { """{"socket":"/run/mysqld.sock","user":"bk","datadir":"/d","tool":"mysqldump"}""", "tool" },
        { """{"socket":"/run/mysqld.sock","user":"bk","datadir":"/d","password":"a\u0000b"}""", "password" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_put_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        var name = $"untouched-{field.Replace('_', '-')}";
        await AddAsync(admin, name, "pw");
        var before = await Registry.FindAsync(name, CancellationToken.None);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var refused = await admin.PutAsync(new Uri($"/api/servers/{name}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(field, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.Equal(before, await Registry.FindAsync(name, CancellationToken.None));
        Assert.Equal("pw", await Registry.GetPasswordAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task Put_and_delete_of_a_server_that_is_not_registered_are_404()
    {
        using var admin = await _factory.CreateSignedInClientAsync();

        using var put = await admin.PutAsJsonAsync(new Uri("/api/servers/never", UriKind.Relative), new { socket = "/x.sock", user = "x", datadir = "/d" });
        using var delete = await admin.DeleteAsync(new Uri("/api/servers/never", UriKind.Relative));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (put.StatusCode, delete.StatusCode));
        Assert.Null(await Registry.FindAsync("never", CancellationToken.None));
    }

    [Fact]
    public async Task An_admins_delete_forgets_the_server_and_an_operators_put_or_delete_is_refused()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        await AddAsync(admin, "kept", "pw");
        await AddAsync(admin, "removed", "pw");
        using var olly = await _factory.CreateUserClientAsync("olly", "operator");

        using var operatorPut = await olly.Client.PutAsJsonAsync(new Uri("/api/servers/kept", UriKind.Relative), new { socket = "/x.sock", user = "olly-was-here", datadir = "/d" });
        using var operatorDelete = await olly.Client.DeleteAsync(new Uri("/api/servers/kept", UriKind.Relative));
        using var removed = await admin.DeleteAsync(new Uri("/api/servers/removed", UriKind.Relative));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (operatorPut.StatusCode, operatorDelete.StatusCode));
        Assert.Contains("needs the admin role; olly is an operator", await operatorDelete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var names = (await ApiJson.GetAsync(admin, "/api/servers")).EnumerateArray().Select(s => ApiJson.Text(s, "name")).ToList();
        Assert.Contains("kept", names);
        Assert.DoesNotContain("removed", names);
        var kept = (await Registry.FindAsync("kept", CancellationToken.None))!;
        Assert.Equal(("x", "/var/lib/mysql"), (kept.User, kept.DataDir));
    }

    [Fact]
    public async Task Delete_with_backups_deletes_them_says_what_and_a_with_backups_that_is_not_true_or_false_is_400()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        await AddAsync(admin, "doomed", "pw");
        var repository = _factory.Services.GetRequiredService<Engine.Backups.BackupRepository>();
        var backup = repository.Begin("doomed", Engine.Tools.BackupKind.Full, null, DateTimeOffset.UtcNow, "mariabackup", "10.11.19");
        backup = backup with { Status = Engine.Backups.BackupStatus.Failed, EndedAt = DateTimeOffset.UtcNow };
        Engine.Backups.BackupRepository.Save(backup);
        await _factory.Services.GetRequiredService<Engine.Backups.IBackupCatalog>().SaveAsync(backup, CancellationToken.None);

        using var typo = await admin.DeleteAsync(new Uri("/api/servers/doomed?with_backups=yes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("with_backups", JsonDocument.Parse(await typo.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.NotNull(await Registry.FindAsync("doomed", CancellationToken.None));
        Assert.True(Directory.Exists(backup.Directory));

        using var removed = await admin.DeleteAsync(new Uri("/api/servers/doomed?with_backups=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var answer = JsonDocument.Parse(await removed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("doomed", 1), (answer.GetProperty("server").GetString(), answer.GetProperty("backups").GetInt32()));
        Assert.Equal([backup.Id], answer.GetProperty("chains").EnumerateArray().Select(c => c.GetString()));
        Assert.Null(await Registry.FindAsync("doomed", CancellationToken.None));
        Assert.False(Directory.Exists(backup.Directory));
        Assert.Empty(await _factory.Services.GetRequiredService<Engine.Backups.IBackupCatalog>().ListAsync("doomed", CancellationToken.None));
    }

    private static async Task AddAsync(HttpClient admin, string name, string password)
    {
        using var added = await admin.PostAsJsonAsync(new Uri("/api/servers", UriKind.Relative),
            new { name, socket = "/run/mysqld/mysqld.sock", user = "x", password, datadir = "/var/lib/mysql" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }
}
