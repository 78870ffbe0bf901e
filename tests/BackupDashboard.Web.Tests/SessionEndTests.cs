using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>Signing out ends the session in the catalog: the same cookie, replayed, opens nothing.</summary>
public sealed class SessionEndTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public SessionEndTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task A_cookie_kept_from_before_sign_out_is_refused_on_every_page_and_api()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await browser.GetAsync(new Uri("/login", UriKind.Relative)))
        {
        }

        var password = await _factory.AdminPasswordAsync();
        using var signedIn = await SignInTests.PostLoginAsync(browser, "admin", password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("bdash.auth=", StringComparison.Ordinal));
        using var before = await WithCookieAsync(cookie, "/api/servers");
        using var pageBefore = await WithCookieAsync(cookie, "/servers");

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/logout", UriKind.Relative));
        logout.Headers.Add("Origin", "http://localhost");
        using var signedOut = await browser.SendAsync(logout);
        using var after = await WithCookieAsync(cookie, "/api/servers");
        using var pageAfter = await WithCookieAsync(cookie, "/servers");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, pageAfter.StatusCode);
        Assert.StartsWith("/login", pageAfter.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>A fresh client that sends only the given cookie, as someone who copied it would.</summary>
    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
