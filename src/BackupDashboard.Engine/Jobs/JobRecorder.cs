namespace BackupDashboard.Engine.Jobs;

/// <summary>
/// Puts runs into the job history and carries out cancels asked for from anywhere: a run's
/// <see cref="JobScope"/> looks at its row every <see cref="CancelPollInterval"/>, so a cancel
/// from another process (bdash jobs cancel, a second dashboard) stops it as surely as one from
/// this process. The catalog is the only channel: the job store knows nothing of it.
/// </summary>
public sealed class JobRecorder(IJobHistory history, TimeProvider clock, IEnumerable<IJobEndObserver> observers)
{
    private readonly List<IJobEndObserver> _observers = observers.ToList();

    public TimeSpan CancelPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IJobHistory History => history;

    /// <summary>
    /// Tell the observers (notifications, with their retries) without waiting for them: the
    /// dashboard, whose callers wait for a run's end. bdash waits, so that a cron'd run's notice
    /// has gone out before the process exits.
    /// </summary>
    public bool TellObserversInBackground { get; init; }

    /// <summary>Records a run and starts it at once (nothing to wait for).</summary>
    public async Task<JobScope> BeginAsync(JobKind kind, string server, JobTrigger trigger, string? subject, CancellationToken cancellationToken)
    {
        // One write: the run is running from its first row, so a bdash command starts its work
        // after one catalog commit, not two (docs/job-history.md).
        var run = await history.StartNewAsync(kind, server, trigger, subject, cancellationToken).ConfigureAwait(false);
        return new JobScope(run.Id, history, clock, CancelPollInterval, this, cancellationToken);
    }

    /// <summary>
    /// Records a run around <paramref name="work"/>, which gets the run's token: its result's
    /// <paramref name="ending"/>, or, when it throws, cancelled (stopped on purpose) or failed.
    /// </summary>
    public async Task<T> RecordAsync<T>(JobKind kind, string server, JobTrigger trigger, Func<CancellationToken, Task<T>> work, Func<T, JobScope, JobEnding> ending,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(ending);
        var scope = await BeginAsync(kind, server, trigger, null, cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                var result = await work(scope.Token).ConfigureAwait(false);
                await scope.EndAsync(ending(result, scope)).ConfigureAwait(false);
                return result;
            }
            catch (Exception e)
            {
                await scope.EndAsync(scope.EndingFor(e)).ConfigureAwait(false);
                throw;
            }
        }
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

        return new JobScope(id, history, clock, CancelPollInterval, this, cancellationToken);
    }

    /// <summary>
    /// Records an ending and tells the observers. An observer that fails (a notification that
    /// could not go out) never changes the run's outcome.
    /// </summary>
    public async Task FinishAsync(long id, JobEnding ending, CancellationToken cancellationToken)
    {
        await history.FinishAsync(id, ending, cancellationToken).ConfigureAwait(false);
        if (_observers.Count == 0 || await history.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return;
        }

        var telling = TellAsync(run with { Log = null }, cancellationToken);
        if (!TellObserversInBackground)
        {
            await telling.ConfigureAwait(false);
        }
    }

    private async Task TellAsync(JobRun run, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.EndedAsync(run, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Observers log their own failures; the run stays as recorded.
            }
        }
    }
}

/// <summary>A run was cancelled before it started: nothing ran.</summary>
public sealed class JobCancelledException(string message) : Exception(message);
