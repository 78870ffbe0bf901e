using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Backups started from the API or the UI run as Hangfire jobs (<see cref="BackupJob"/>) on
/// their server's queue, one at a time per server; their latest progress is kept for polling
/// and published to open pages as it moves. The dashboard's shutdown cancels them: the tool is
/// stopped gracefully and the run is recorded as failed.
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
    Engine.Configuration.DataFolder dataFolder)
{
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Queues a backup of the server; null when one is already queued or running. The task ends
    /// with the finished backup, or with the refusal (<see cref="BackupRefusedException"/>),
    /// which is known before anything is queued.
    /// The run is in the job history from the moment it is queued, with who asked for it.
    /// </summary>
    public Task<BackupRecord>? TryStart(string server, BackupOrder order, JobTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(order);
        var run = new Run(Guid.NewGuid());
        lock (_gate)
        {
            if (!_runs.TryAdd(server, run))
            {
                return null;
            }
        }

        _ = QueueAsync(server, order, trigger, run);
        _ = AnnounceWhenDoneAsync(server, run.Done.Task);
        return run.Done.Task;
    }

    private async Task QueueAsync(string server, BackupOrder order, JobTrigger trigger, Run run)
    {
        try
        {
            await runner.CheckAsync(server, order, lifetime.ApplicationStopping).ConfigureAwait(false);
            run.HistoryId = (await recorder.History.QueueAsync(JobKind.Backup, server, trigger, null, lifetime.ApplicationStopping).ConfigureAwait(false)).Id;
            var queue = ServerQueueName.For(server);
            workers.EnsureServed(queue);
            var jobId = client.Enqueue<BackupJob>(queue, job =>
                job.RunAsync(server, order.Kind, order.BaseId, order.IncrementalLsn, order.Parallel, run.Id, CancellationToken.None));
            lock (_gate)
            {
                run.JobId = jobId;
            }
        }
        catch (Exception e)
        {
            // Refused, or the job storage failed: nothing was queued, and the caller hears why.
            if (run.HistoryId is { } id)
            {
                await recorder.FinishAsync(id, new JobEnding(JobState.Failed, $"Not queued: {e.Message}"), CancellationToken.None).ConfigureAwait(false);
            }

            Forget(server, run);
            run.Done.TrySetException(e);
        }
    }

    public bool IsRunning(string server)
    {
        lock (_gate)
        {
            return _runs.ContainsKey(server);
        }
    }

    /// <summary>The Hangfire job id of the server's queued or running backup.</summary>
    public string? JobIdOf(string server)
    {
        lock (_gate)
        {
            return _runs.GetValueOrDefault(server)?.JobId;
        }
    }

    public BackupProgress? ProgressOf(string server)
    {
        lock (_gate)
        {
            return _runs.GetValueOrDefault(server)?.Progress;
        }
    }

    /// <summary>Called by <see cref="BackupJob"/> on a Hangfire worker.</summary>
    internal async Task RunQueuedAsync(string server, BackupOrder order, Guid runId, CancellationToken jobCancelled)
    {
        Run run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(server, out var queued) || queued.Id != runId || queued.Started)
            {
                throw new BackupRefusedException(
                    $"Not run: this backup of '{server}' was queued before the dashboard restarted, or it is a second delivery of a job that already ran. Start a new backup if one is still wanted.");
            }

            run = queued;
            run.Started = true;
        }

        var scope = run.HistoryId is { } historyId ? await recorder.ResumeAsync(historyId, jobCancelled).ConfigureAwait(false) : null;
        if (scope is null)
        {
            // Cancelled while it waited in the queue (bdash jobs cancel, the API): nothing runs.
            Forget(server, run);
            run.Done.TrySetException(new BackupRefusedException($"The queued backup of '{server}' was cancelled before it started."));
            return;
        }

        await using (scope.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token, lifetime.ApplicationStopping);
            try
            {
                var record = await runner.RunAsync(server, order, new ProgressRelay(this, server, run), stop.Token).ConfigureAwait(false);
                await scope.EndAsync(BackupJobEnding.Of(record)).ConfigureAwait(false);
                Forget(server, run);
                run.Done.TrySetResult(record);
                if (!record.IsGood)
                {
                    // Hangfire shows the job as failed, with the reason the catalog records.
                    throw new BackupFailedException(record);
                }
            }
            catch (Exception e) when (e is not BackupFailedException)
            {
                await scope.EndAsync(scope.EndingFor(e)).ConfigureAwait(false);
                Forget(server, run);
                run.Done.TrySetException(e);
                throw;
            }
        }
    }

    /// <summary>
    /// Called by <see cref="ScheduledBackupJob"/> on the server's queue: a fire of the server's
    /// schedule (docs/schedules.md). A backup another process runs (bdash, cron) is waited for,
    /// never run alongside; an incremental without a sound base runs as a full, and the answer
    /// (the job's result in /hangfire) says so.
    /// </summary>
    internal async Task<string> RunScheduledAsync(string server, BackupKind scheduled, CancellationToken jobCancelled)
    {
        var queued = await recorder.History.QueueAsync(JobKind.Backup, server, JobTrigger.Schedule, null, jobCancelled).ConfigureAwait(false);
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(jobCancelled, lifetime.ApplicationStopping))
        {
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
                    if ((await recorder.History.FindAsync(queued.Id, waiting.Token).ConfigureAwait(false))?.Ended == true)
                    {
                        return $"Cancelled while it waited for another backup of '{server}' to end.";
                    }
                }
            }
            catch (OperationCanceledException)
            {
                await recorder.FinishAsync(queued.Id, new JobEnding(JobState.Cancelled, "Stopped while it waited for another backup of the server: the dashboard was shutting down."), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        var scope = await recorder.ResumeAsync(queued.Id, jobCancelled).ConfigureAwait(false);
        if (scope is null)
        {
            return $"Cancelled before it started.";
        }

        await using (scope.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token, lifetime.ApplicationStopping);
            var (kind, why) = Engine.Schedules.ScheduledKind.Decide(server, scheduled, await catalog.ListAsync(server, stop.Token).ConfigureAwait(false));
            var run = new Run(Guid.NewGuid()) { Started = true };
            bool shown;
            lock (_gate)
            {
                // Progress shows on the pages unless a backup asked for from the API waits behind this one.
                shown = _runs.TryAdd(server, run);
            }

            BackupRecord record;
            try
            {
                record = await runner.RunAsync(server, new BackupOrder(kind, null, null, 1), shown ? new ProgressRelay(this, server, run) : null, stop.Token).ConfigureAwait(false);
                await scope.EndAsync(BackupJobEnding.Of(record, why)).ConfigureAwait(false);
                run.Done.TrySetResult(record);
            }
            catch (Exception e)
            {
                await scope.EndAsync(scope.EndingFor(e)).ConfigureAwait(false);
                run.Done.TrySetException(e);
                throw;
            }
            finally
            {
                if (shown)
                {
                    Forget(server, run);
                    _ = AnnounceWhenDoneAsync(server, run.Done.Task);
                }
            }

            // A failed run ends the job failed, with the reason the catalog records.
            return record.IsGood
                ? why is null ? $"{record.Id}: {kind.ToString().ToLowerInvariant()} backup, succeeded" : $"{record.Id}: {why}"
                : throw new BackupFailedException(record);
        }
    }

    /// <summary>
    /// The queued job was deleted (Hangfire's dashboard) before a worker took it: the server is
    /// free again and whoever asked hears why. A job deleted while it runs is cancelled instead,
    /// and ends through the runner like any stopped backup.
    /// </summary>
    internal void Abandon(string server, Guid runId)
    {
        Run? run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(server, out run) || run.Id != runId || run.Started)
            {
                return;
            }

            _runs.Remove(server);
        }

        if (run.HistoryId is { } id)
        {
            _ = recorder.FinishAsync(id, new JobEnding(JobState.Cancelled, "Deleted from the job dashboard before it started."), CancellationToken.None);
        }

        run.Done.TrySetException(new BackupRefusedException($"The queued backup of '{server}' was deleted from the job dashboard before it started."));
    }

    private void Forget(string server, Run run)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue(server, out var current) && ReferenceEquals(current, run))
            {
                _runs.Remove(server);
            }
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

    private void Report(string server, Run run, BackupProgress progress)
    {
        lock (_gate)
        {
            // A report racing the end of the run must not leave stale progress behind.
            if (!_runs.TryGetValue(server, out var current) || !ReferenceEquals(current, run))
            {
                return;
            }

            run.Progress = progress;
        }

        events.Publish(new BackupProgressed(server, BackupProgressView.From(progress)));
    }

    private sealed class Run(Guid id)
    {
        public Guid Id => id;
        public string? JobId { get; set; }
        public long? HistoryId { get; set; }
        public bool Started { get; set; }
        public BackupProgress? Progress { get; set; }
        public TaskCompletionSource<BackupRecord> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Reports on the tool's stderr reader, in order. Progress&lt;T&gt; would post each report to
    /// the thread pool, where they can arrive out of order or after the run has ended.
    /// </summary>
    private sealed class ProgressRelay(BackupJobs jobs, string server, Run run) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => jobs.Report(server, run, value);
    }
}
