using BackupDashboard.Catalog;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Web.Account;
using BackupDashboard.Web.Health;
using BackupDashboard.Web.Sandbox;
using BackupDashboard.Web.Scheduling;
using BackupDashboard.Web.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Radzen;

namespace BackupDashboard.Web.Hosting;

/// <summary>Everything the dashboard registers, in one place.</summary>
internal static class ServiceRegistration
{
    public static WebApplicationBuilder AddBackupDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BackupDashboardOptions>().BindConfiguration(BackupDashboardOptions.SectionName);
        var options = builder.Configuration.GetSection(BackupDashboardOptions.SectionName).Get<BackupDashboardOptions>() ?? new();
        var dataFolder = DataFolder.Resolve(options, builder.Environment.ContentRootPath);
        dataFolder.EnsureExists();
        services.AddSingleton(dataFolder);
        services.AddSingleton(TimeProvider.System);

        services.AddDbContextFactory<CatalogDbContext>(db => CatalogStore.Configure(db, dataFolder.CatalogFile));
        services.AddSingleton<IServerRegistry, CatalogServerRegistry>();

        // Keys under the data folder so cookies survive restarts and bdash can share them.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(dataFolder.KeysDir)).SetApplicationName("BackupDashboard");
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.Cookie.Name = "bdash.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<AdminAccount>();

        services.AddBackupScheduler(dataFolder);
        services.AddSingleton<HealthCheck>();
        services.AddSingleton<SandboxStatus>();
        services.AddHostedService<SandboxService>();

        services.AddScoped<IServerOverview, ServerOverview>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddOpenApi();
        return builder;
    }

    /// <summary>Brings the catalog up to date and makes sure there is a way to sign in.</summary>
    public static async Task PrepareDataFolderAsync(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CatalogDbContext>>();
        await CatalogStore.MigrateAsync(contexts, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        app.Services.GetRequiredService<AdminAccount>().EnsureCreated();
    }
}
