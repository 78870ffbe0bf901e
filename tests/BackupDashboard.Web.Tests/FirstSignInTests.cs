using System.Net;
using BackupDashboard.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>The first admin: a generated password that opens nothing but its own change, then goes.</summary>
public sealed class FirstSignInTests
{
    [Fact]
    public async Task The_first_admin_chooses_a_password_before_anything_else_and_its_plain_text_copy_goes()
    {
        using var factory = new DashboardFactory();
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await browser.GetAsync(new Uri("/login", UriKind.Relative)))
        {
        }

        var passwordFile = Path.Combine(factory.DataDir, "initial-admin-password");
        var initial = (await File.ReadAllTextAsync(passwordFile)).Trim();

        using var signedIn = await SignInTests.PostLoginAsync(browser, "admin", initial);
        using var page = await browser.GetAsync(new Uri("/servers", UriKind.Relative));
        using var api = await browser.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var script = factory.CreateClientAs("admin", initial);
        using var scriptApi = await script.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var wrongCurrent = await ChangeAsync(browser, "not the password", "a brand new password");
        using var tooShort = await ChangeAsync(browser, initial, "short");
        var fileBeforeChange = File.Exists(passwordFile);
        using var changed = await ChangeAsync(browser, initial, "a brand new password");
        using var pageAfter = await browser.GetAsync(new Uri("/servers", UriKind.Relative));
        using var oldPassword = await script.GetAsync(new Uri("/api/servers", UriKind.Relative));
        using var newScript = factory.CreateClientAs("admin", "a brand new password");
        using var newPassword = await newScript.GetAsync(new Uri("/api/servers", UriKind.Relative));

        Assert.Equal("http://localhost/account/password?returnUrl=%2Fservers", signedIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Fservers", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("change your password", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, scriptApi.StatusCode);
        Assert.True((await wrongCurrent.Content.ReadAsStringAsync()).Contains("The current password is wrong.", StringComparison.Ordinal), $"{wrongCurrent.StatusCode} {wrongCurrent.Headers.Location} {await wrongCurrent.Content.ReadAsStringAsync()}");
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(fileBeforeChange);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("http://localhost/servers", changed.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, pageAfter.StatusCode);
        Assert.False(File.Exists(passwordFile));
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }

    [Fact]
    public async Task An_earlier_release_admin_is_taken_over_with_its_password_hash()
    {
        // What releases before users and roles wrote: ASP.NET Core Identity's hash in admin-account.json.
        using var data = new TempFolder("bdash-legacy-");
        const string Password = "the old admin password";
        var hash = new PasswordHasher<string>().HashPassword("admin", Password);
        await File.WriteAllTextAsync(data.Combine("admin-account.json"), $$"""{"User":"admin","Hash":"{{hash}}"}""");
        await File.WriteAllTextAsync(data.Combine("initial-admin-password"), Password + "\n");
        using var factory = DashboardFactory.OnDataFolder(data.Path);
        using var client = factory.CreateClientAs("admin", Password);

        var account = await ApiJson.GetAsync(client, "/api/account");

        Assert.Equal("admin", ApiJson.Text(account, "name"));
        Assert.True(account.GetProperty("must_change_password").GetBoolean());
        Assert.False(File.Exists(data.Combine("admin-account.json")));
        var chosen = await DashboardFactory.ChangePasswordAsync(client, "admin", Password);
        using var after = factory.CreateClientAs("admin", chosen);
        Assert.Equal("admin", ApiJson.Text(await ApiJson.GetAsync(after, "/api/account"), "role"));
        // And the product's own hashes are Identity's format: Identity reads them.
        Assert.NotEqual(PasswordVerificationResult.Failed,
            new PasswordHasher<string>().VerifyHashedPassword("admin", Engine.Access.PasswordHashing.Hash("x-password-123"), "x-password-123"));
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient browser, string current, string chosen) =>
        SignInTests.PostFormAsync(browser, "/account/password?returnUrl=%2Fservers", "password", new()
        {
            ["Input.Current"] = current,
            ["Input.New"] = chosen,
            ["Input.Repeat"] = chosen,
        });
}
