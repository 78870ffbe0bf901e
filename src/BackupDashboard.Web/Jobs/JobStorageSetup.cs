using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.RestoreRuns;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Hangfire in the web host: its storage chosen by configuration (<see cref="JobsOptions"/>),
/// a server for the shared queue, one worker per database server (<see cref="ServerQueueWorkers"/>).
/// Product jobs turn Hangfire's automatic retries off on their class (<see cref="BackupJob"/>):
/// a backup that failed must not silently run again.
/// </summary>
internal static class JobStorageSetup
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, DataFolder dataFolder)
    {
        var options = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new();
        options.Validate();
        services.AddSingleton(options);
        // Hangfire's default activator is a process-wide static; ours resolves jobs from this
        // host's container, whatever else runs in the process (tests host several dashboards).
        // Registered before AddHangfire, which only adds its own when none is there.
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new BackupJobDeletions(provider));
            UseStorage(hangfire, options, dataFolder);
        });
        services.AddHangfireServer((provider, server) =>
        {
            server.ServerName = $"{Environment.MachineName}:{ServerQueueName.Default}";
            server.Queues = [ServerQueueName.Default];
            server.WorkerCount = 2;
            server.Activator = provider.GetRequiredService<JobActivator>();
        });
        services.AddSingleton<ServerQueueWorkers>();
        services.AddHostedService(provider => provider.GetRequiredService<ServerQueueWorkers>());
        services.AddSingleton<BackupJobs>();
        services.AddTransient<BackupJob>();
        services.AddSingleton(provider => new RestoreRunStore(provider.GetRequiredService<DataFolder>().RestoreRunsDir));
        services.AddSingleton<RestoreJobs>();
        services.AddTransient<RestoreJob>();
        services.AddSingleton<JobsHealth>();
        services.AddTransient<RetentionJob>();
        services.AddHostedService<RetentionSchedule>();
        services.AddTransient<ScheduledBackupJob>();
        services.AddSingleton<ScheduleSync>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduleSync>());
        services.AddSingleton<BackupVerifyRunner>();
        services.AddTransient<VerifyJob>();
        services.AddHostedService<VerifySweep>();
        services.AddHostedService<OverdueWatch>();
        services.AddTransient<RehearsalJob>();
        return services;
    }

    private static void UseStorage(IGlobalConfiguration hangfire, JobsOptions options, DataFolder dataFolder)
    {
        // A long backup must never be handed to a second worker while it runs. The SQLite
        // storage has no heartbeat for a running job: after InvisibilityTimeout it re-delivers
        // it, so that is set far beyond any backup; a job orphaned by a crash comes back only
        // after a restart and is then refused (BackupJobs). PostgreSQL's storage keeps a running
        // job invisible for as long as its worker is alive (sliding timeout).
        if (options.IsPostgreSQL)
        {
            hangfire.UsePostgreSqlStorage(
                connection => connection.UseNpgsqlConnection(options.PostgreSQLConnectionString),
                new PostgreSqlStorageOptions
                {
                    QueuePollInterval = options.QueuePollInterval,
                    UseSlidingInvisibilityTimeout = true,
                    PrepareSchemaIfNecessary = true,
                });
            return;
        }

        hangfire.UseSQLiteStorage(options.SQLitePath(dataFolder), new SQLiteStorageOptions
        {
            QueuePollInterval = options.QueuePollInterval,
            InvisibilityTimeout = TimeSpan.FromDays(2),
        });
    }
}
