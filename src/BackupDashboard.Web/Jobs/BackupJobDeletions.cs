using Hangfire.States;
using Hangfire.Storage;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Tells <see cref="BackupJobs"/> when a queued backup job is deleted, so that the server does
/// not stay "busy" (409) for a job that will never run, and <see cref="RestoreJobs"/> when a
/// restore job is, so that its run ends cancelled and its datadir is free again. Hangfire's filters are process-wide, so
/// this only acts on run ids its own <see cref="BackupJobs"/> handed out. It takes the host's
/// services, not BackupJobs itself: BackupJobs needs Hangfire's client, which needs the
/// configuration this filter is part of.
/// </summary>
internal sealed class BackupJobDeletions(IServiceProvider services) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is not DeletedState || context.BackgroundJob.Job is not { Type: var type, Args: var args })
        {
            return;
        }

        try
        {
            if (type == typeof(BackupJob) && args is [string server, _, _, _, _, Guid runId, ..])
            {
                services.GetRequiredService<BackupJobs>().Abandon(server, runId);
            }
            else if (type == typeof(RestoreJob) && args is [string restoreRunId, ..])
            {
                // Queued: ends cancelled and frees its datadir; running: Hangfire's token stops it too.
                services.GetRequiredService<RestoreJobs>().Cancel(restoreRunId);
            }
        }
        catch (ObjectDisposedException)
        {
            // The filter of a host that has stopped (only tests host several in one process).
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
