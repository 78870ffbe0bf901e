using BackupDashboard.Engine.Retention;

namespace BackupDashboard.Engine.Jobs;

/// <summary>A retention run as the job history records it, whoever starts it.</summary>
public static class RecordedRetention
{
    /// <summary>
    /// A dry run changes nothing and is not a run of the history; without a policy the runner
    /// refuses (a wrong name, nothing to do), and a refusal is not a run either.
    /// </summary>
    public static async Task<RetentionResult> RunRetentionAsync(this JobRecorder jobs, RetentionRunner runner, IRetentionCatalog policies,
        string server, bool dryRun, string who, JobTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(policies);
        if (dryRun || await policies.FindPolicyAsync(server, cancellationToken).ConfigureAwait(false) is null)
        {
            return await runner.RunAsync(server, dryRun, who, cancellationToken).ConfigureAwait(false);
        }

        return await jobs.RecordAsync(JobKind.Retention, server, trigger, token => runner.RunAsync(server, false, who, token), OtherJobEndings.Retention, cancellationToken)
            .ConfigureAwait(false);
    }
}
