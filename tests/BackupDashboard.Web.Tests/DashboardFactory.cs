using BackupDashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The real web app in-process, with a data folder of its own. The sandbox is off unless a
/// test asks for it (it starts a real mariadbd).
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AdminPasswords = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim AdminPasswordLock = new(1, 1);

    private readonly TempFolder? _ownData;
    private readonly bool _sandbox;

    public DashboardFactory()
        : this(sandbox: false, dataDir: null)
    {
    }

    private DashboardFactory(bool sandbox, string? dataDir)
    {
        _sandbox = sandbox;
        _ownData = dataDir is null ? new TempFolder("bdash-web-") : null;
        DataDir = dataDir ?? _ownData!.Path;
        // WebApplicationFactory looks for the content root by project name; ours is the
        // repository's top folder (top-level appsettings.json and wwwroot/).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BACKUPDASHBOARD_WEB", RepositoryRoot.Path);
    }

    /// <summary>A dashboard that starts its sandbox MariaDB, as ./run.sh does on a fresh machine.</summary>
    public static DashboardFactory WithSandbox() => new(sandbox: true, dataDir: null);

    /// <summary>A dashboard on a data folder the test keeps, to start it again on the same data.</summary>
    public static DashboardFactory OnDataFolder(string dataDir) => new(sandbox: false, dataDir);

    public string DataDir { get; }

    /// <summary>More configuration for this host (key, value), set before it starts.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>A client that signs every request in with the admin's Basic credentials, as a script does.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync() => CreateClientAs("admin", await AdminPasswordAsync());

    /// <summary>A client that signs every request in with these Basic credentials.</summary>
    public HttpClient CreateClientAs(string user, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>
    /// The first admin's password. The generated one must be changed before it opens anything
    /// (docs/access.md), so the first call changes it, as an operator does at first sign-in;
    /// every dashboard on the same data folder then shares the new one.
    /// </summary>
    public async Task<string> AdminPasswordAsync()
    {
        await AdminPasswordLock.WaitAsync();
        try
        {
            if (AdminPasswords.TryGetValue(DataDir, out var known))
            {
                return known;
            }

            using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using (await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
            {
            }

            var initial = (await File.ReadAllTextAsync(Path.Combine(DataDir, "initial-admin-password"))).Trim();
            var chosen = await ChangePasswordAsync(client, "admin", initial);
            AdminPasswords[DataDir] = chosen;
            return chosen;
        }
        finally
        {
            AdminPasswordLock.Release();
        }
    }

    /// <summary>
    /// A signed-in client of a new user with <paramref name="role"/>, made by the admin and past
    /// their own first password change; the password it signs in with.
    /// </summary>
    public async Task<SignedInUser> CreateUserClientAsync(string user, string role)
    {
        using var admin = await CreateSignedInClientAsync();
        var temporary = $"temporary-{Guid.NewGuid():N}";
        using var added = await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative), new { name = user, role, password = temporary });
        Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        using var anonymous = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var chosen = await ChangePasswordAsync(anonymous, user, temporary);
        return new SignedInUser(CreateClientAs(user, chosen), chosen);
    }

    /// <summary>Changes a password someone else chose to a new one, over the API; the new one.</summary>
    public static async Task<string> ChangePasswordAsync(HttpClient client, string user, string current)
    {
        ArgumentNullException.ThrowIfNull(client);
        var chosen = $"chosen-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/account/password", UriKind.Relative))
        {
            Content = JsonContent.Create(new { current_password = current, new_password = chosen }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{current}")));
        using var changed = await client.SendAsync(request);
        Assert.True(changed.StatusCode == System.Net.HttpStatusCode.NoContent, $"password change of {user}: {changed.StatusCode} {await changed.Content.ReadAsStringAsync()}");
        return chosen;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BackupDashboard:DataDir", DataDir);
        builder.UseSetting("BackupDashboard:Sandbox", _sandbox ? "auto" : "off");
        // xtrabackup is the fake on every test dashboard, as an installer would set it (never over the API).
        builder.UseSetting("BackupDashboard:Tools:XtraBackup", BackupDashboard.TestSupport.FakeXtraBackup.Path);
        // Tests poll the API with Basic credentials many times a second; the sign-in rate limit has its own test.
        builder.UseSetting("BackupDashboard:SignIn:AttemptsPerMinute", "1000000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // As ./run.sh runs it: Production, so no test passes only thanks to developer pages.
        builder.UseEnvironment("Production");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownData?.Dispose();
        }
    }
}

/// <summary>A user's Basic-credentials client and the password it signs in with.</summary>
public sealed record SignedInUser(HttpClient Client, string Password) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
