using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Backups started from the API, the UI or a schedule run as Hangfire jobs on their server's
/// queue, which has one worker: a second request for a server queues behind the first and never
/// runs alongside it, and a backup another process holds (bdash, cron) is waited for. Their
/// latest progress is kept for polling and published to open pages as it moves. The dashboard's
/// shutdown cancels them: the tool is stopped gracefully and the run is recorded as cancelled.
/// A job only runs for the request that queued it in this process. One that comes back from
/// the job storage after a restart (Hangfire re-queues work interrupted by a crash or a stop)
/// is refused, so a backup clicked yesterday never starts by surprise today.
/// </summary>
public sealed class BackupJobs(
    BackupRunner runner,
    BackupEvents events,
    IBackgroundJobClient client,
    ServerQueueWorkers workers,
    IHostApplicationLifetime lifetime,
    IBackupCatalog catalog,
    JobRecorder recorder,
    Engine.Configuration.DataFolder dataFolder) : IDisposable
{
    private readonly Dictionary<Guid, Run> _runs = [];
    private readonly Lock _gate = new();

    // One start at a time: the check probes the server's lock, and two probes at once would
    // each see the other's and refuse.
    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>
    /// Checks the order (a refusal, <see cref="BackupRefusedException"/>, is thrown and nothing is
    /// queued) and queues the backup behind any other of the server's. The run is in the job
    /// history from that moment, with who asked for it.
    /// </summary>
    public async Task<QueuedBackup> StartAsync(string server, BackupOrder order, JobTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(order);
        Run run;
        await _starting.WaitAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
        try
        {
            // Another process's backup of the server is refused at once, naming it; one of this
            // dashboard's own is queued behind.
            await runner.CheckAsync(server, order, lifetime.ApplicationStopping, queuedBehindOwnRun: IsRunning(server)).ConfigureAwait(false);
            var queued = await recorder.History.QueueAsync(JobKind.Backup, server, trigger, null, lifetime.ApplicationStopping).ConfigureAwait(false);
            run = new Run(Guid.NewGuid(), server) { HistoryId = queued.Id, Filter = order.Filter };
            lock (_gate)
            {
                _runs.Add(run.Id, run);
            }
        }
        finally
        {
            _starting.Release();
        }

        var history = run.HistoryId!.Value;

        try
        {
            var queue = ServerQueueName.For(server);
            workers.EnsureServed(queue);
            run.JobId = order.IncrementalForceScan
                ? client.Enqueue<BackupJob>(queue, job =>
                    job.RunForceScanAsync(server, order.Kind, order.BaseId, order.IncrementalLsn, order.Parallel, run.Id, CancellationToken.None))
                : client.Enqueue<BackupJob>(queue, job =>
                    job.RunAsync(server, order.Kind, order.BaseId, order.IncrementalLsn, order.Parallel, run.Id, CancellationToken.None));
        }
        catch (Exception e)
        {
            // The job storage failed: nothing was queued, and the caller hears why.
            await recorder.FinishAsync(history, new JobEnding(JobState.Failed, $"Not queued: {e.Message}"), CancellationToken.None).ConfigureAwait(false);
            Forget(run);
            throw;
        }

        _ = AnnounceWhenDoneAsync(server, run.Done.Task);
        return new QueuedBackup(run.Done.Task, run.JobId, history);
    }

    public void Dispose() => _starting.Dispose();

    /// <summary>True while a backup of the server is queued or running here.</summary>
    public bool IsRunning(string server)
    {
        lock (_gate)
        {
            return _runs.Values.Any(r => string.Equals(r.Server, server, StringComparison.Ordinal));
        }
    }

    public BackupProgress? ProgressOf(string server)
    {
        lock (_gate)
        {
            return _runs.Values.FirstOrDefault(r => r.Started && string.Equals(r.Server, server, StringComparison.Ordinal))?.Progress;
        }
    }

    /// <summary>Called by <see cref="BackupJob"/> on a Hangfire worker.</summary>
    internal async Task RunQueuedAsync(string server, BackupOrder order, Guid runId, CancellationToken jobCancelled)
    {
        Run run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var queued) || queued.Started)
            {
                throw new BackupRefusedException(
                    $"Not run: this backup of '{server}' was queued before the dashboard restarted, or it is a second delivery of a job that already ran. Start a new backup if one is still wanted.");
            }

            run = queued;
            run.Started = true;
            order = order with { Filter = run.Filter };
        }

        var scope = await WaitAndResumeAsync(server, run.HistoryId, jobCancelled).ConfigureAwait(false);
        if (scope is null)
        {
            // Cancelled while it waited (bdash jobs cancel, the API): nothing runs.
            Forget(run);
            run.Done.TrySetException(new BackupRefusedException($"The queued backup of '{server}' was cancelled before it started."));
            return;
        }

        BackupRecord record;
        await using (scope.ConfigureAwait(false))
        {
            record = await RunRecordedAsync(server, order, run, scope, null).ConfigureAwait(false);
        }

        if (!record.TookWhatWasAsked)
        {
            // Hangfire shows the job as failed, with the reason the catalog records.
            throw new BackupFailedException(record);
        }
    }

    /// <summary>
    /// Called by <see cref="ScheduledBackupJob"/> on the server's queue: a fire of the server's
    /// schedule (docs/schedules.md). An incremental without a sound base runs as a full, and the
    /// answer (the job's result in /hangfire) says so.
    /// </summary>
    internal async Task<string> RunScheduledAsync(string server, BackupKind scheduled, CancellationToken jobCancelled)
    {
        var queued = await recorder.History.QueueAsync(JobKind.Backup, server, JobTrigger.Schedule, null, jobCancelled).ConfigureAwait(false);
        // In the list before it probes the lock, so that a request meanwhile queues behind it.
        var run = new Run(Guid.NewGuid(), server) { Started = true, HistoryId = queued.Id };
        lock (_gate)
        {
            _runs.Add(run.Id, run);
        }

        JobScope? scope;
        try
        {
            scope = await WaitAndResumeAsync(server, queued.Id, jobCancelled).ConfigureAwait(false);
        }
        catch
        {
            Forget(run);
            throw;
        }

        if (scope is null)
        {
            Forget(run);
            return "Cancelled before it started.";
        }

        _ = AnnounceWhenDoneAsync(server, run.Done.Task);
        BackupRecord record;
        string? why;
        await using (scope.ConfigureAwait(false))
        {
            BackupKind kind;
            (kind, why) = Engine.Schedules.ScheduledKind.Decide(server, scheduled, await catalog.ListAsync(server, scope.Token).ConfigureAwait(false));
            record = await RunRecordedAsync(server, new BackupOrder(kind, null, null, 1), run, scope, why).ConfigureAwait(false);
        }

        // A failed run ends the job failed, with the reason the catalog records.
        return record.IsGood
            ? why is null ? $"{record.Id}: {BackupView.TypeName(record.Kind)} backup, succeeded" : $"{record.Id}: {why}"
            : throw new BackupFailedException(record);
    }

    /// <summary>
    /// The queued job was deleted (Hangfire's dashboard) before a worker took it: whoever asked
    /// hears why. A job deleted while it runs is cancelled instead, and ends through the runner
    /// like any stopped backup.
    /// </summary>
    internal void Abandon(string server, Guid runId)
    {
        Run? run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out run) || run.Started)
            {
                return;
            }

            _runs.Remove(runId);
        }

        if (run.HistoryId is { } id)
        {
            _ = recorder.FinishAsync(id, new JobEnding(JobState.Cancelled, "Deleted from the job dashboard before it started."), CancellationToken.None);
        }

        run.Done.TrySetException(new BackupRefusedException($"The queued backup of '{server}' was deleted from the job dashboard before it started."));
    }

    /// <summary>
    /// Waits while another process (bdash, cron, another dashboard) backs the server up, then
    /// starts the recorded run. Null when it was cancelled meanwhile.
    /// </summary>
    private async Task<JobScope?> WaitAndResumeAsync(string server, long? historyId, CancellationToken jobCancelled)
    {
        if (historyId is not { } id)
        {
            return null;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(jobCancelled, lifetime.ApplicationStopping);
        try
        {
            while (true)
            {
                var (probe, _) = Engine.Runs.ServerBackupLock.TryAcquire(dataFolder.LocksDir, server);
                if (probe is not null)
                {
                    probe.Dispose();
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), waiting.Token).ConfigureAwait(false);
                if ((await recorder.History.FindAsync(id, waiting.Token).ConfigureAwait(false))?.Ended == true)
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            await recorder.FinishAsync(id, new JobEnding(JobState.Cancelled, "Stopped while it waited for another backup of the server: the dashboard was shutting down."), CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }

        return await recorder.ResumeAsync(id, jobCancelled).ConfigureAwait(false);
    }

    private async Task<BackupRecord> RunRecordedAsync(string server, BackupOrder order, Run run, JobScope scope, string? note)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token, lifetime.ApplicationStopping);
        try
        {
            var record = await runner.RunAsync(server, order, new ProgressRelay(this, run), stop.Token).ConfigureAwait(false);
            await scope.EndAsync(BackupJobEnding.Of(record, note)).ConfigureAwait(false);
            Forget(run);
            run.Done.TrySetResult(record);
            return record;
        }
        catch (Exception e)
        {
            await scope.EndAsync(scope.EndingFor(e)).ConfigureAwait(false);
            Forget(run);
            run.Done.TrySetException(e);
            throw;
        }
    }

    private void Forget(Run run)
    {
        lock (_gate)
        {
            _runs.Remove(run.Id);
        }
    }

    /// <summary>
    /// Runs after the run has left <see cref="_runs"/>, so a page that reloads on this event
    /// sees the server free again. The run's exception stays the API's to observe.
    /// </summary>
    private async Task AnnounceWhenDoneAsync(string server, Task<BackupRecord> run)
    {
        await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        events.Publish(new BackupFinished(server, BackupOutcome.Of(server, run)));
    }

    private void Report(Run run, BackupProgress progress)
    {
        lock (_gate)
        {
            // A report racing the end of the run must not leave stale progress behind.
            if (!_runs.ContainsKey(run.Id))
            {
                return;
            }

            run.Progress = progress;
        }

        events.Publish(new BackupProgressed(run.Server, RunProgressView.From(progress)));
    }

    private sealed class Run(Guid id, string server)
    {
        public Guid Id => id;
        public string Server => server;
        public string? JobId { get; set; }
        public long? HistoryId { get; init; }

        /// <summary>A partial backup's filter: kept here, not in the Hangfire job's arguments, since only a run queued by this process runs.</summary>
        public PartialFilter? Filter { get; init; }

        public bool Started { get; set; }
        public BackupProgress? Progress { get; set; }
        public TaskCompletionSource<BackupRecord> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Reports on the tool's stderr reader, in order. Progress&lt;T&gt; would post each report to
    /// the thread pool, where they can arrive out of order or after the run has ended.
    /// </summary>
    private sealed class ProgressRelay(BackupJobs jobs, Run run) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => jobs.Report(run, value);
    }
}

/// <summary>A backup queued on its server's queue: its end, its Hangfire job, its run in the job history.</summary>
public sealed record QueuedBackup(Task<BackupRecord> Done, string? JobId, long RunId);
