using BackupDashboard.Catalog;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Runs;
using BackupDashboard.Web.Account;
using BackupDashboard.Web.Api;
using BackupDashboard.Web.Health;
using BackupDashboard.Web.Jobs;
using BackupDashboard.Web.Sandbox;
using BackupDashboard.Web.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using MudBlazor.Services;

namespace BackupDashboard.Web.Hosting;

/// <summary>Everything the dashboard registers, in one place.</summary>
internal static partial class ServiceRegistration
{
    public static WebApplicationBuilder AddBackupDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BackupDashboardOptions>().BindConfiguration(BackupDashboardOptions.SectionName);
        var options = builder.Configuration.GetSection(BackupDashboardOptions.SectionName).Get<BackupDashboardOptions>() ?? new();
        var dataFolder = DataFolder.Resolve(options, builder.Environment.ContentRootPath);
        dataFolder.EnsureExists();
        services.AddSingleton(dataFolder);
        // Catalog, encrypted credentials and Data Protection keys in the data folder (shared with
        // bdash, so cookies survive restarts and either host reads what the other stored).
        services.AddBackupCatalog(dataFolder, options);
        services.AddNotifications(builder.Configuration.GetSection(Engine.Notifications.NotificationOptions.SectionName).Get<Engine.Notifications.NotificationOptions>() ?? new());
        // A run's callers (the API's ?wait=true, the pages) hear its end without waiting for its notices.
        services.AddSingleton(provider => new Engine.Jobs.JobRecorder(provider.GetRequiredService<Engine.Jobs.IJobHistory>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetServices<Engine.Jobs.IJobEndObserver>()) { TellObserversInBackground = true });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.Cookie.Name = CrossSiteRequests.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.SlidingExpiration = true;
                // The API answers 401/403 instead of redirecting a script to the sign-in page.
                cookie.Events.OnRedirectToLogin = context => ApiAccess.RedirectOrDeny(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiAccess.RedirectOrDeny(context, StatusCodes.Status403Forbidden);
                // Each request's cookie must name a session that has not ended (docs/sessions.md).
                cookie.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicAuthentication>(BasicAuthentication.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAccess>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddSignInThrottling(builder.Configuration.GetSection(SignInOptions.SectionName).Get<SignInOptions>() ?? new());

        services.AddBackgroundJobs(builder.Configuration, dataFolder);
        services.AddSingleton<HealthCheck>();
        services.AddSingleton<SandboxStatus>();
        services.AddHostedService<SandboxService>();

        services.AddScoped<IServerOverview, ServerOverview>();
        services.AddSingleton<BackupEvents>();
        services.AddScoped<IBackupQueries, BackupQueries>();
        services.AddScoped<IRunHistory, RunHistory>();
        services.AddScoped<AccessAdministration>();
        services.AddScoped<RestoreWizard>();
        services.AddScoped<SettingsOverview>();
        services.AddScoped<IRestoreRuns>(provider => provider.GetRequiredService<RestoreWizard>());
        services.AddScoped<ServerAdministration>();
        services.AddScoped<IServerStatusBoard, ServerStatusBoard>();
        services.AddScoped<IBackupPage, BackupPage>();
        services.AddScoped<ScheduleAdministration>();
        services.AddScoped<NotificationDesk>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddOpenApi();
        services.AddApiErrors();
        // One JSON style for the API and bdash --json: snake_case.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        return builder;
    }

    /// <summary>Brings the catalog up to date and makes sure there is a way to sign in.</summary>
    public static async Task PrepareDataFolderAsync(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CatalogDbContext>>();
        await CatalogStore.MigrateAsync(contexts, app.Services.GetRequiredService<DataFolder>().CatalogFile, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        // Again now that the catalog exists: a new one is made with the process's umask.
        app.Services.GetRequiredService<DataFolder>().EnsureExists();
        await app.Services.GetRequiredService<Engine.Access.UserAccounts>().EnsureFirstAdminAsync(
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackupDashboardOptions>>().Value.AdminPassword, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        var interrupted = await InterruptedRuns.SettleAsync(app.Services.GetRequiredService<IBackupCatalog>(), app.Services.GetRequiredService<DataFolder>(),
            app.Services.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        foreach (var run in interrupted)
        {
            LogInterrupted(app.Logger, run.Id, run.Server);
        }

        foreach (var run in await app.Services.GetRequiredService<RestoreRunStore>().SettleInterruptedAsync(app.Services.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping).ConfigureAwait(false))
        {
            LogRestoreInterrupted(app.Logger, run.Id, run.DataDir);
        }

        var jobs = await Engine.Jobs.InterruptedJobs.SettleAsync(app.Services.GetRequiredService<Engine.Jobs.JobRecorder>(), app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        if (jobs > 0)
        {
            LogJobsInterrupted(app.Logger, jobs);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {Id} of {Server} was interrupted (its process is gone); recorded as failed")]
    private static partial void LogInterrupted(ILogger logger, string id, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} run(s) of the job history were queued or running in a process that is gone; recorded as failed")]
    private static partial void LogJobsInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restore run {Id} into {DataDir} was interrupted (its process is gone); recorded as failed")]
    private static partial void LogRestoreInterrupted(ILogger logger, string id, string dataDir);
}
