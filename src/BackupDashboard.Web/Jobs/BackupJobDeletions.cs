using Hangfire.States;
using Hangfire.Storage;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Tells <see cref="BackupJobs"/> when a queued backup job is deleted, so that the server does
/// not stay "busy" (409) for a job that will never run. Hangfire's filters are process-wide, so
/// this only acts on run ids its own <see cref="BackupJobs"/> handed out. It takes the host's
/// services, not BackupJobs itself: BackupJobs needs Hangfire's client, which needs the
/// configuration this filter is part of.
/// </summary>
internal sealed class BackupJobDeletions(IServiceProvider services) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is DeletedState && context.BackgroundJob.Job is { Type: var type, Args: var args }
            && type == typeof(BackupJob) && args is [string server, _, _, _, _, Guid runId, ..])
        {
            try
            {
                services.GetRequiredService<BackupJobs>().Abandon(server, runId);
            }
            catch (ObjectDisposedException)
            {
                // The filter of a host that has stopped (only tests host several in one process).
            }
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
