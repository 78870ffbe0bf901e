using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

public partial class SignInTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public SignInTests(DashboardFactory factory) => _factory = factory;

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Every_page_of_the_shell_sends_a_stranger_to_the_sign_in_page()
    {
        using var client = Client();
        foreach (var page in new[] { "/", "/servers", "/backups", "/restore", "/schedules", "/jobs", "/history", "/audit", "/settings" })
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_initial_password_is_private_to_the_owner_and_stored_only_as_a_hash()
    {
        // A dashboard of its own: the shared one's first password is changed by the other tests.
        using var factory = new DashboardFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var warmUp = await client.GetAsync(new Uri("/login", UriKind.Relative));
        var passwordFile = Path.Combine(factory.DataDir, "initial-admin-password");
        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.Equal(20, password.Length);
        var catalog = await File.ReadAllBytesAsync(Path.Combine(factory.DataDir, "catalog.db"));
        Assert.Equal(-1, catalog.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(password)));
    }

    [Fact]
    public async Task The_right_password_signs_in_and_a_wrong_one_does_not()
    {
        using var client = Client();
        var password = await _factory.AdminPasswordAsync();

        using var wrong = await PostLoginAsync(client, "admin", password + "x");
        using var stillOut = await client.GetAsync(new Uri("/servers", UriKind.Relative));
        using var right = await PostLoginAsync(client, "admin", password);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong user or password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("http://localhost/servers", right.Headers.Location!.ToString());
        using var afterwards = await client.GetAsync(new Uri("/servers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        using var client = Client();
        var password = await _factory.AdminPasswordAsync();

        using var response = await PostLoginAsync(client, "admin", password, returnUrl: "//evil.example/");

        Assert.Equal("http://localhost/", response.Headers.Location!.ToString());
    }

    /// <summary>Posts the sign-in form as a browser would, with its antiforgery token (the client keeps cookies).</summary>
    internal static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password, string returnUrl = "/servers") =>
        PostFormAsync(client, $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login", new() { ["Input.User"] = user, ["Input.Password"] = password });

    /// <summary>Posts a static form of the dashboard (sign-in, password change) with the antiforgery token its page carries.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var url = new Uri(path, UriKind.Relative);
        using var form = await client.GetAsync(url);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        // As a browser posts a form: with its page's origin (cookie-carrying posts need it).
        request.Headers.Add("Origin", "http://localhost");
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        request.Content = new FormUrlEncodedContent(fields);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
