namespace BackupDashboard.Engine.Jobs;

/// <summary>
/// A running run of the job history. <see cref="Token"/> fires when the caller's token does or
/// when someone asks the history to cancel the run; pass it to the work. Ending the scope
/// without <see cref="EndAsync"/> (an exception, a stop) records the run as cancelled when it
/// was cancelled and as failed otherwise, so no run stays "running".
/// </summary>
public sealed class JobScope : IAsyncDisposable
{
    private readonly IJobHistory _history;
    private readonly JobRecorder _recorder;
    private readonly CancellationTokenSource _cancel;
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Task _watch;
    private volatile bool _cancelRequested;
    private bool _ended;

    internal JobScope(long id, IJobHistory history, TimeProvider clock, TimeSpan pollInterval, JobRecorder recorder, CancellationToken callerToken)
    {
        Id = id;
        _history = history;
        _recorder = recorder;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _watch = WatchAsync(clock, pollInterval);
    }

    public long Id { get; }

    public CancellationToken Token => _cancel.Token;

    /// <summary>True once someone asked the history to cancel this run (not merely the caller's stop).</summary>
    public bool CancelRequested => _cancelRequested;

    public Task SetSubjectAsync(string subject) => _history.SetSubjectAsync(Id, subject, CancellationToken.None);

    /// <summary>Records the ending; the first one counts.</summary>
    public async Task EndAsync(JobEnding ending)
    {
        ArgumentNullException.ThrowIfNull(ending);
        if (_ended)
        {
            return;
        }

        _ended = true;
        await _recorder.FinishAsync(Id, ending, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The ending for work that threw: cancelled when it was stopped on purpose, failed otherwise.</summary>
    public JobEnding EndingFor(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e is OperationCanceledException && Token.IsCancellationRequested ? Stopped() : new JobEnding(JobState.Failed, e.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_ended)
        {
            await EndAsync(Token.IsCancellationRequested ? Stopped() : new JobEnding(JobState.Failed, "The run stopped before it finished.")).ConfigureAwait(false);
        }

        _cancel.Dispose();
        _stopWatching.Dispose();
    }

    private JobEnding Stopped() =>
        new(JobState.Cancelled, CancelRequested ? "Cancelled by request." : "Stopped: the dashboard or bdash was shutting down.");

    private async Task WatchAsync(TimeProvider clock, TimeSpan pollInterval)
    {
        var stop = _stopWatching.Token;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(pollInterval, clock, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (await _history.IsCancelRequestedAsync(Id, stop).ConfigureAwait(false))
                {
                    _cancelRequested = true;
                    await _cancel.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly locked catalog: look again at the next tick.
            }
        }
    }
}
