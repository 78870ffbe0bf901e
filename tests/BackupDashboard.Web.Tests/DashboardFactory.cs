using BackupDashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The real web app in-process, with a data folder of its own. The sandbox is off unless a
/// test asks for it (it starts a real mariadbd).
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
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

    /// <summary>A client that signs every request in with Basic credentials, as a script does.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var warmUp = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var password = (await File.ReadAllTextAsync(Path.Combine(DataDir, "initial-admin-password"))).Trim();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{password}")));
        return client;
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
