using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BackupDashboard.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>Roles and tokens on the running app (docs/access.md): each refusal as a caller would meet it.</summary>
public sealed class AccessTests : IClassFixture<DashboardFactory>, IDisposable
{
    private readonly DashboardFactory _factory;
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    public AccessTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task A_viewer_reads_but_cannot_start_a_backup_or_a_restore_by_api_page_or_token()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        await admin.AddFakeXtraBackupServerAsync("viewed", _datadir.Path);
        using var vic = await _factory.CreateUserClientAsync("vic", "viewer");
        var (viewer, password) = (vic.Client, vic.Password);
        var token = await MakeTokenAsync(admin, "dashboards", "viewer");
        using var withToken = BearerClient(token);

        using var reads = await viewer.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var backup = await viewer.PostAsJsonAsync(new Uri("/api/servers/viewed/backups", UriKind.Relative), new { type = "full" });
        using var restore = await viewer.PostAsJsonAsync(new Uri("/api/backups/whatever/restore", UriKind.Relative), new { datadir = "/tmp/x" });
        using var tokenReads = await withToken.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var tokenBackup = await withToken.PostAsJsonAsync(new Uri("/api/servers/viewed/backups", UriKind.Relative), new { type = "full" });
        using var audit = await viewer.GetAsync(new Uri("/api/audit", UriKind.Relative));
        using var hangfire = await viewer.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await SignInTests.PostLoginAsync(browser, "vic", password))
        {
        }

        using var backupsPage = await browser.GetAsync(new Uri("/backups?server=viewed", UriKind.Relative));
        var html = await backupsPage.Content.ReadAsStringAsync();
        using var restorePage = await browser.GetAsync(new Uri("/restore", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokenReads.StatusCode);
        foreach (var refused in new[] { backup, restore, tokenBackup, audit })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Contains("needs the operator role or higher; vic is a viewer", await backup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("needs the admin role", await restore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, hangfire.StatusCode);
        Assert.Equal(HttpStatusCode.OK, backupsPage.StatusCode);
        Assert.Contains("Starting a backup needs the operator role or higher; vic is a viewer.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"restore\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, restorePage.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", restorePage.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await ApiJson.GetAsync(admin, "/api/jobs?server=viewed")).GetArrayLength());
    }

    [Fact]
    public async Task An_operator_runs_backups_but_cannot_restore_delete_or_change_servers_and_schedules()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        await admin.AddFakeXtraBackupServerAsync("operated", _datadir.Path);
        using var olly = await _factory.CreateUserClientAsync("olly", "operator");
        var operatorClient = olly.Client;

        using var backup = await operatorClient.PostAsJsonAsync(new Uri("/api/servers/operated/backups?wait=true", UriKind.Relative), new { type = "full" });
        var id = ApiJson.Text(System.Text.Json.JsonDocument.Parse(await backup.Content.ReadAsStringAsync()).RootElement, "id");
        using var restore = await operatorClient.PostAsJsonAsync(new Uri($"/api/backups/{id}/restore", UriKind.Relative), new { datadir = "/tmp/never-made" });
        using var retention = await operatorClient.PostAsync(new Uri("/api/servers/operated/retention/run", UriKind.Relative), null);
        using var schedule = await operatorClient.DeleteAsync(new Uri("/api/servers/operated/schedule", UriKind.Relative));
        using var register = await operatorClient.PostAsJsonAsync(new Uri("/api/servers", UriKind.Relative), new { name = "other", socket = "/x.sock", user = "x", datadir = "/tmp" });
        using var rebuild = await operatorClient.PostAsync(new Uri("/api/catalog/rebuild", UriKind.Relative), null);
        using var users = await operatorClient.GetAsync(new Uri("/api/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, backup.StatusCode);
        foreach (var refused in new[] { restore, retention, schedule, register, rebuild, users })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Contains("needs the admin role; olly is an operator", await restore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Directory.Exists("/tmp/never-made"));
        Assert.Single((await ApiJson.GetAsync(admin, "/api/servers")).EnumerateArray(), s => ApiJson.Text(s, "name") == "operated");
    }

    [Fact]
    public async Task A_token_works_with_its_own_role_until_revoked_and_its_use_is_recorded()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        var token = await MakeTokenAsync(admin, "nightly", "operator");
        using var client = BearerClient(token);
        using var wrong = BearerClient(token[..^4] + "AAAA");

        using var reads = await client.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var beyondRole = await client.PostAsJsonAsync(new Uri("/api/servers", UriKind.Relative), new { name = "t", socket = "/x.sock", user = "x", datadir = "/tmp" });
        using var makesToken = await client.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name = "more", role = "viewer" });
        using var wrongSecret = await wrong.GetAsync(new Uri("/api/servers", UriKind.Relative));
        var listed = Assert.Single((await ApiJson.GetAsync(admin, "/api/tokens")).EnumerateArray(), t => ApiJson.Text(t, "name") == "nightly");
        var auditEntries = (await ApiJson.GetAsync(admin, "/api/audit?limit=200")).EnumerateArray().ToList();
        using var revoke = await admin.DeleteAsync(new Uri($"/api/tokens/{ApiJson.Text(listed, "id")}", UriKind.Relative));
        using var afterRevoke = await client.GetAsync(new Uri("/api/servers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, beyondRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, makesToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(("operator", "admin"), (ApiJson.Text(listed, "role"), ApiJson.Text(listed, "owner")));
        Assert.NotNull(ApiJson.Text(listed, "last_used_at"));
        Assert.DoesNotContain(token, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(auditEntries, e => ApiJson.Text(e, "who") == "admin (token nightly)" && ApiJson.Text(e, "outcome") == "403");
        Assert.DoesNotContain(auditEntries, e => e.GetRawText().Contains(token[17..], StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Bad_user_requests_are_refused_naming_the_field_and_store_nothing()
    {
        // A dashboard of its own, where admin is the only admin.
        using var factory = new DashboardFactory();
        using var admin = await factory.CreateSignedInClientAsync();
        var before = (await ApiJson.GetAsync(admin, "/api/users")).GetArrayLength();

        var answers = new List<(HttpResponseMessage Response, HttpStatusCode Status, string? Field)>();
        foreach (var (body, status, field) in new (object Body, HttpStatusCode Status, string? Field)[]
        {
            (new { name = "../etc", role = "viewer" }, HttpStatusCode.BadRequest, "name"),
            (new { name = "", role = "viewer" }, HttpStatusCode.BadRequest, "name"),
            (new { name = new string('a', 65), role = "viewer" }, HttpStatusCode.BadRequest, "name"),
            (new { name = "bob\u0000", role = "viewer" }, HttpStatusCode.BadRequest, "name"),
            (new { name = "bob", role = "root" }, HttpStatusCode.BadRequest, "role"),
            (new { name = "bob", role = "viewer", password = "short" }, HttpStatusCode.BadRequest, "password"),
            (new { name = "admin", role = "viewer" }, HttpStatusCode.Conflict, null),
        })
        {
            answers.Add((await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative), body), status, field));
        }

        using var lastAdmin = await admin.DeleteAsync(new Uri("/api/users/admin", UriKind.Relative));
        using var demote = await admin.PutAsJsonAsync(new Uri("/api/users/admin", UriKind.Relative), new { role = "viewer" });
        using var missing = await admin.DeleteAsync(new Uri("/api/users/nobody", UriKind.Relative));

        foreach (var (response, status, field) in answers)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                Assert.Equal(field, ApiJson.Text(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "field"));
            }

            response.Dispose();
        }

        Assert.Equal(HttpStatusCode.Conflict, lastAdmin.StatusCode);
        Assert.Contains("last admin", await lastAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, (await ApiJson.GetAsync(admin, "/api/users")).GetArrayLength());
    }

    [Fact]
    public async Task A_reset_a_role_change_or_a_removal_ends_the_users_sessions_and_tokens_at_once()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        using var ada = await _factory.CreateUserClientAsync("ada", "admin");
        using var adaScript = BearerClient(await MakeTokenAsync(ada.Client, "ada's script", "viewer"));
        using var adaBrowser = await SignedInBrowserAsync("ada", ada.Password);
        using var rita = await _factory.CreateUserClientAsync("rita", "viewer");
        using var ritaBrowser = await SignedInBrowserAsync("rita", rita.Password);
        using var carl = await _factory.CreateUserClientAsync("carl", "operator");
        using var carlBrowser = await SignedInBrowserAsync("carl", carl.Password);

        using var before = await adaBrowser.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var tokenBefore = await adaScript.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var reset = await admin.PostAsJsonAsync(new Uri("/api/users/ada/password", UriKind.Relative), new { });
        using var afterReset = await adaBrowser.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var tokenAfterReset = await adaScript.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var removed = await admin.DeleteAsync(new Uri("/api/users/rita", UriKind.Relative));
        using var afterRemoval = await ritaBrowser.GetAsync(new Uri("/servers", UriKind.Relative));
        using var promoted = await admin.PutAsJsonAsync(new Uri("/api/users/carl", UriKind.Relative), new { role = "admin" });
        using var afterPromotion = await carlBrowser.GetAsync(new Uri("/api/servers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokenBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(20, ApiJson.Text(System.Text.Json.JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement, "password")!.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfterReset.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterRemoval.StatusCode);
        Assert.StartsWith("http://localhost/login", afterRemoval.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterPromotion.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_opens_the_job_dashboard()
    {
        using var admin = await _factory.CreateSignedInClientAsync();
        using var hana = await _factory.CreateUserClientAsync("hana", "operator");
        var operatorClient = hana.Client;

        using var forAdmin = await admin.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var forOperator = await operatorClient.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forOperator.StatusCode);
    }

    public void Dispose() => _datadir.Dispose();

    private async Task<HttpClient> SignedInBrowserAsync(string user, string password)
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signedIn = await SignInTests.PostLoginAsync(browser, user, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task<string> MakeTokenAsync(HttpClient admin, string name, string role)
    {
        using var made = await admin.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name, role });
        var body = await made.Content.ReadAsStringAsync();
        Assert.True(made.StatusCode == HttpStatusCode.Created, body);
        return ApiJson.Text(System.Text.Json.JsonDocument.Parse(body).RootElement, "secret")!;
    }

    private HttpClient BearerClient(string token)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
