using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// What Hangfire runs for a restore started from the API. The plan stays in the process that
/// checked it (<see cref="RestoreJobs"/>); the job carries only the run id. No automatic retry:
/// a restore that failed has left files behind for the operator to look at.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class RestoreJob(RestoreJobs jobs)
{
    /// <param name="restorePoint">Only for the job's name in Hangfire's dashboard.</param>
    /// <param name="cancellationToken">Hangfire's: fires when the dashboard stops or the job is deleted.</param>
    [JobDisplayName("Restore of {1} (run {0})")]
    public Task RunAsync(string runId, string restorePoint, CancellationToken cancellationToken)
    {
        _ = restorePoint;
        return jobs.RunQueuedAsync(runId, cancellationToken);
    }
}
