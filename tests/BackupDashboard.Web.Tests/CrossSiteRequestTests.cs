using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// Bodyless POSTs riding on the sign-in cookie from another origin (another port of the same host
/// is same-site, so SameSite does not stop the cookie) are refused; the dashboard's own pages and
/// scripts with Basic credentials are not.
/// </summary>
public sealed class CrossSiteRequestTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public CrossSiteRequestTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task A_cookie_change_from_another_origin_or_with_no_origin_is_403_and_from_this_origin_goes_through()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await browser.GetAsync(new Uri("/login", UriKind.Relative)))
        {
        }

        var password = await _factory.AdminPasswordAsync();
        using var signedIn = await SignInTests.PostLoginAsync(browser, "admin", password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var otherPort = await PostAsync(browser, "/api/catalog/rebuild", origin: "http://localhost:8081");
        using var noOrigin = await PostAsync(browser, "/api/catalog/rebuild", origin: null);
        using var logoutElsewhere = await PostAsync(browser, "/account/logout", origin: "http://localhost:8081");
        using var stillIn = await browser.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var sameOrigin = await PostAsync(browser, "/api/catalog/rebuild", origin: "http://localhost");
        using var script = await _factory.CreateSignedInClientAsync();
        using var basic = await script.PostAsync(new Uri("/api/catalog/rebuild", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        Assert.Equal("application/problem+json", otherPort.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, logoutElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.True(sameOrigin.IsSuccessStatusCode, $"{(int)sameOrigin.StatusCode}");
        Assert.True(basic.IsSuccessStatusCode, $"{(int)basic.StatusCode}");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return client.SendAsync(request);
    }
}
