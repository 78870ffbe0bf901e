using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BackupDashboard.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The audit log records changes over the API with who, via, address, action and outcome, failed
/// and successful sign-ins, and offers no way to change an entry.
/// </summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-audit-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    [Fact]
    public async Task Changes_and_sign_ins_are_recorded_and_the_log_cannot_be_changed()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("audited", _datadir.Path);
        using var stranger = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var guess = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/servers", UriKind.Relative));
        guess.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("mallory:guess")));
        using var refused = await stranger.SendAsync(guess);
        using (await stranger.GetAsync(new Uri("/login", UriKind.Relative)))
        {
        }

        var password = await factory.AdminPasswordAsync();
        using var signedIn = await SignInTests.PostLoginAsync(stranger, "admin", password);

        var entries = (await ApiJson.GetAsync(client, "/api/audit")).EnumerateArray().ToList();
        using var page = await stranger.GetAsync(new Uri("/audit", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var badLimit = await client.GetAsync(new Uri("/api/audit?limit=abc", UriKind.Relative));
        using var delete = await client.DeleteAsync(new Uri($"/api/audit/{entries[0].GetProperty("id").GetInt64()}", UriKind.Relative));
        using var put = await client.PutAsync(new Uri("/api/audit", UriKind.Relative), new StringContent("[]", Encoding.UTF8, "application/json"));

        var registered = Assert.Single(entries, e => ApiJson.Text(e, "action") == "POST /api/servers");
        Assert.Equal(("admin", "api", "201"), (ApiJson.Text(registered, "who"), ApiJson.Text(registered, "via"), ApiJson.Text(registered, "outcome")));
        var wrong = Assert.Single(entries, e => ApiJson.Text(e, "action") == "sign-in (Basic)");
        Assert.Equal(("mallory", "refused: wrong user or password"), (ApiJson.Text(wrong, "who"), ApiJson.Text(wrong, "outcome")));
        var form = Assert.Single(entries, e => ApiJson.Text(e, "action") == "sign-in");
        Assert.Equal(("admin", "signed in", "web"), (ApiJson.Text(form, "who"), ApiJson.Text(form, "outcome"), ApiJson.Text(form, "via")));
        Assert.DoesNotContain(entries, e => (ApiJson.Text(e, "action") ?? "").Contains(password, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("POST /api/servers", html, StringComparison.Ordinal);
        Assert.Contains("mallory", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.True(delete.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)delete.StatusCode}");
        Assert.True(put.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)put.StatusCode}");
        Assert.Equal(entries.Count, (await ApiJson.GetAsync(client, "/api/audit")).EnumerateArray().Count(e => e.GetProperty("id").GetInt64() <= entries[0].GetProperty("id").GetInt64()));
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
