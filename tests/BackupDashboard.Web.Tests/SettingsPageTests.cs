using System.Net;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>The Settings page shows the settings in effect, with the tools as this machine finds them, and the key that changes each.</summary>
public sealed class SettingsPageTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-settings-");

    [Fact]
    public async Task The_page_shows_where_things_are_and_which_tool_runs_found_or_configured()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:Tools:XtraBackup"] = FakeXtraBackup.Path;
        // The generated password changed once, then a browser's sign-in through the form.
        using (await factory.CreateSignedInClientAsync())
        {
        }

        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await browser.GetAsync(new Uri("/login", UriKind.Relative)))
        {
        }

        using (await SignInTests.PostLoginAsync(browser, "admin", await factory.AdminPasswordAsync()))
        {
        }

        using var page = await browser.GetAsync(new Uri("/settings", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<td class=\"setting-value\">{_data.Path}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"xtrabackup 8.0.35-30 at {FakeXtraBackup.Path} (the configured path)", html, StringComparison.Ordinal);
        Assert.Contains("<code>BackupDashboard:Tools:XtraBackup</code>", html, StringComparison.Ordinal);
        Assert.Matches(@"mariabackup \d+\.\d+\.\d+\S* at /\S+mariabackup \(found on PATH\)", html);
        Assert.Contains("<code>AllowedHosts</code>", html, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
