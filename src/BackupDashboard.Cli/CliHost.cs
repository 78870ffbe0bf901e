using BackupDashboard.Catalog;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Runs;
using BackupDashboard.Engine.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Cli;

/// <summary>
/// What every bdash verb needs: the same configuration the web app reads (top-level
/// appsettings.json, then BackupDashboard__* environment variables), the data folder and the
/// catalog, brought up to date with its migrations.
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliHost(ServiceProvider services, DataFolder dataFolder)
    {
        _services = services;
        DataFolder = dataFolder;
    }

    public DataFolder DataFolder { get; }
    public IServiceProvider Services => _services;
    public IServerRegistry Servers => _services.GetRequiredService<IServerRegistry>();
    public IBackupCatalog Backups => _services.GetRequiredService<IBackupCatalog>();
    public BackupRepository Repository => _services.GetRequiredService<BackupRepository>();
    public BackupRunner Runner => _services.GetRequiredService<BackupRunner>();
    public RestoreRunner Restorer => _services.GetRequiredService<RestoreRunner>();
    public Engine.Retention.IRetentionCatalog Retention => _services.GetRequiredService<Engine.Retention.IRetentionCatalog>();
    public Engine.Retention.RetentionRunner RetentionRunner => _services.GetRequiredService<Engine.Retention.RetentionRunner>();
    public ServerRemoval Removal => _services.GetRequiredService<ServerRemoval>();
    public Engine.Schedules.IScheduleCatalog Schedules => _services.GetRequiredService<Engine.Schedules.IScheduleCatalog>();
    public Engine.Jobs.JobRecorder Jobs => _services.GetRequiredService<Engine.Jobs.JobRecorder>();
    public Engine.Rehearsals.RehearsalRunner Rehearsals => _services.GetRequiredService<Engine.Rehearsals.RehearsalRunner>();

    /// <summary>The same appsettings.json and environment the dashboard reads, and the data folder they name.</summary>
    public static (IConfiguration Configuration, BackupDashboardOptions Options, DataFolder DataFolder) Settings()
    {
        var contentRoot = ContentRootLocator.Find(typeof(CliHost).Assembly);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: false)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(BackupDashboardOptions.SectionName).Get<BackupDashboardOptions>() ?? new();
        return (configuration, options, DataFolder.Resolve(options, contentRoot));
    }

    public static async Task<CliHost> OpenAsync(CancellationToken cancellationToken)
    {
        var (configuration, options, dataFolder) = Settings();
        dataFolder.EnsureExists();

        var services = new ServiceCollection()
            .AddLogging()
            .AddBackupCatalog(dataFolder, options)
            .AddNotifications(configuration.GetSection(Engine.Notifications.NotificationOptions.SectionName).Get<Engine.Notifications.NotificationOptions>() ?? new())
            .BuildServiceProvider();
        await CatalogStore.MigrateAsync(services.GetRequiredService<IDbContextFactory<CatalogDbContext>>(), dataFolder.CatalogFile, cancellationToken)
            .ConfigureAwait(false);
        // Again now that the catalog exists: a new one is made with the process's umask.
        dataFolder.EnsureExists();
        // Runs of a bdash or dashboard that was killed are marked interrupted before any verb reads them.
        await InterruptedRuns.SettleAsync(services.GetRequiredService<IBackupCatalog>(), dataFolder, TimeProvider.System, cancellationToken)
            .ConfigureAwait(false);
        await Engine.Jobs.InterruptedJobs.SettleAsync(services.GetRequiredService<Engine.Jobs.JobRecorder>(), cancellationToken).ConfigureAwait(false);
        return new CliHost(services, dataFolder);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
