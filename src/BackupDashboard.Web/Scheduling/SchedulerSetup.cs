using BackupDashboard.Engine.Configuration;
using Quartz;

namespace BackupDashboard.Web.Scheduling;

/// <summary>
/// Quartz with its persistent store in the data folder (scheduler.db, SQLite), so schedules and
/// missed runs survive restarts. SQLite means a single node: Quartz refuses clustered mode on
/// it. The schema is created on first start by the store itself (ProvisionSchema).
/// See docs/decisions/0001-package-substitutions.md (Quartz instead of Hangfire).
/// </summary>
internal static class SchedulerSetup
{
    public static IServiceCollection AddBackupScheduler(this IServiceCollection services, DataFolder dataFolder)
    {
        services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                store.UseSqlite($"Data Source={dataFolder.SchedulerFile}");
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
