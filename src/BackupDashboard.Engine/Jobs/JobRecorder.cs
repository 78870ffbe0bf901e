namespace BackupDashboard.Engine.Jobs;

/// <summary>
/// Puts runs into the job history and carries out cancels asked for from anywhere: a run's
/// <see cref="JobScope"/> looks at its row every <see cref="CancelPollInterval"/>, so a cancel
/// from another process (bdash jobs cancel, a second dashboard) stops it as surely as one from
/// this process. The catalog is the only channel: the job store knows nothing of it.
/// </summary>
public sealed class JobRecorder(IJobHistory history, TimeProvider clock)
{
    public TimeSpan CancelPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IJobHistory History => history;

    /// <summary>Records a run and starts it at once (nothing to wait for).</summary>
    public async Task<JobScope> BeginAsync(JobKind kind, string server, JobTrigger trigger, string? subject, CancellationToken cancellationToken)
    {
        var run = await history.QueueAsync(kind, server, trigger, subject, cancellationToken).ConfigureAwait(false);
        return await ResumeAsync(run.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new JobCancelledException($"Run {run.Id} was cancelled before it started.");
    }

    /// <summary>
    /// Starts a run recorded as queued earlier (a job a worker has just taken). Null when it was
    /// cancelled while it waited: the caller runs nothing.
    /// </summary>
    public async Task<JobScope?> ResumeAsync(long id, CancellationToken cancellationToken)
    {
        if (!await history.StartAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new JobScope(id, history, clock, CancelPollInterval, cancellationToken);
    }
}

/// <summary>A run was cancelled before it started: nothing ran.</summary>
public sealed class JobCancelledException(string message) : Exception(message);
