using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Notifications;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Servers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackupDashboard.Catalog;

/// <summary>
/// What the web app and bdash share: the catalog, the encrypted credentials with keys in the
/// data folder, the backup repository and the runner. One registration, so both hosts see
/// exactly the same data.
/// </summary>
public static class CatalogServices
{
    public static IServiceCollection AddBackupCatalog(this IServiceCollection services, DataFolder dataFolder, BackupDashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(dataFolder);
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(dataFolder.KeysDir))
            .SetApplicationName(DataProtectionSecrets.ApplicationName);
        services.AddPooledDbContextFactory<CatalogDbContext>(db => CatalogStore.Configure(db, dataFolder.CatalogFile));
        services.AddSingleton(new CatalogReads(dataFolder.CatalogFile));
        services.AddSingleton<ISecretProtector, DataProtectionSecrets>();
        options.Tools.Validate();
        services.AddSingleton(options.Tools);
        services.AddSingleton<IServerRegistry, CatalogServerRegistry>();
        services.AddSingleton<IBackupCatalog, CatalogBackups>();
        services.AddSingleton<IRetentionCatalog, CatalogRetention>();
        services.AddSingleton<IScheduleCatalog, CatalogSchedules>();
        services.AddSingleton<IJobHistory, CatalogJobHistory>();
        services.AddSingleton<Engine.Access.IAuditLog>(provider => new CatalogAudit(dataFolder.CatalogFile, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Engine.Access.ISessionStore>(provider => new CatalogSessions(
            provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CatalogDbContext>>(), dataFolder.CatalogFile, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Engine.Access.IUserStore, CatalogUsers>();
        services.AddSingleton<Engine.Access.ITokenStore, CatalogTokens>();
        services.AddSingleton(provider => new Engine.Access.UserAccounts(
            provider.GetRequiredService<Engine.Access.IUserStore>(), provider.GetRequiredService<Engine.Access.ISessionStore>(), provider.GetRequiredService<Engine.Access.ITokenStore>(),
            dataFolder, options.AdminUser, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Engine.Access.ApiTokens>();
        services.AddSingleton<JobRecorder>();
        services.AddSingleton(new BackupRepository(string.IsNullOrWhiteSpace(options.Repository) ? dataFolder.BackupsDir : options.Repository));
        services.AddSingleton<BackupRunner>();
        services.AddSingleton(provider => new RetentionRunner(
            provider.GetRequiredService<IBackupCatalog>(), provider.GetRequiredService<IRetentionCatalog>(), provider.GetRequiredService<IServerRegistry>(),
            provider.GetRequiredService<BackupRepository>(), dataFolder.LocksDir, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ServerRemoval>();
        services.AddSingleton(provider => new RestoreRunner(
            provider.GetRequiredService<IBackupCatalog>(), provider.GetRequiredService<IServerRegistry>(), dataFolder.RestoresDir, dataFolder.LocksDir,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RestoreRunner>>()));
        services.AddSingleton(provider => new Engine.Rehearsals.RehearsalRunner(
            provider.GetRequiredService<IBackupCatalog>(), provider.GetRequiredService<RestoreRunner>(), dataFolder.RehearsalsDir,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Engine.Rehearsals.RehearsalRunner>>()));
        return services;
    }

    /// <summary>
    /// Notices of failed runs through the configured channels (docs/notifications.md), for the
    /// web app and bdash alike: a cron'd bdash whose backup fails notifies as the dashboard does.
    /// Refuses a configuration with a bad value before anything runs.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(provider => Notifier.FromOptions(options, new HttpClient(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Notifier>>()));
        services.AddSingleton<IJobEndObserver, FailedRunNotices>();
        return services;
    }
}
