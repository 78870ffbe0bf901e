using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Runs;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Restores started from the API run as Hangfire jobs (<see cref="RestoreJob"/>) on the restore
/// point's server queue, never inside the HTTP request: a client or proxy that gives up does not
/// stop them; only an explicit cancel (<see cref="Cancel"/>) or the dashboard's graceful stop
/// does (recorded as cancelled). Each run's record is a file (<see cref="RestoreRunStore"/>) kept
/// up to date step by step. As for backups, a job only runs for the request that queued it in
/// this process; one re-delivered after a restart is refused (docs/restore-plans.md, "Restore runs").
/// </summary>
public sealed class RestoreJobs(
    RestoreRunner runner,
    RestoreRunStore store,
    IBackgroundJobClient client,
    ServerQueueWorkers workers,
    TimeProvider clock,
    JobRecorder recorder,
    IHostApplicationLifetime lifetime)
{
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Checks the plan's target (refusals thrown as <see cref="RestoreRefusedException"/>, nothing
    /// queued), records the run as queued and queues it. The returned run's task ends with the result.
    /// </summary>
    public async Task<(RestoreRunRecord Record, Task<RestoreRunRecord> Done)> StartAsync(RestorePlan plan, JobTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // The dashboard's own token, not the request's: a caller that goes away changes nothing.
        await runner.CheckAsync(plan, lifetime.ApplicationStopping).ConfigureAwait(false);
        var record = new RestoreRunRecord(RestoreRunStore.NewId(clock), plan.RestorePoint.Id, plan.RestorePoint.Server, plan.Options.DataDir,
            RestoreRunState.Queued, RunnerProcess.Current, clock.GetUtcNow()) { Steps = plan.Steps.Count, PreparedDir = plan.PreparedDir };
        var run = new Run(plan, record);
        lock (_gate)
        {
            if (_runs.Values.Any(r => string.Equals(r.Plan.Options.DataDir, plan.Options.DataDir, StringComparison.Ordinal)))
            {
                throw new RestoreRefusedException($"A restore into {plan.Options.DataDir} is already queued or running here: wait for it to end, or restore elsewhere.") { TargetInUse = true };
            }

            _runs[record.Id] = run;
        }

        store.Save(record);
        try
        {
            run.HistoryId = (await recorder.History.QueueAsync(JobKind.Restore, plan.RestorePoint.Server, trigger, plan.RestorePoint.Id, lifetime.ApplicationStopping)
                .ConfigureAwait(false)).Id;
            var queue = ServerQueueName.For(plan.RestorePoint.Server);
            workers.EnsureServed(queue);
            var jobId = client.Enqueue<RestoreJob>(queue, job => job.RunAsync(record.Id, plan.RestorePoint.Id, CancellationToken.None));
            Update(run, r => r with { JobId = jobId });
        }
        catch (Exception e)
        {
            // The job storage failed: nothing will run, and the record says so.
            End(run, r => r with { State = RestoreRunState.Failed, EndedAt = clock.GetUtcNow(), Problem = $"Not queued: {e.Message}" });
            if (run.HistoryId is { } id)
            {
                await recorder.FinishAsync(id, new JobEnding(JobState.Failed, $"Not queued: {e.Message}"), CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        return (run.Record, run.Done.Task);
    }

    /// <summary>
    /// Asks a run to stop: a queued one ends as cancelled at once, a running one when its tool has
    /// stopped. False when no such run is queued or running in this process.
    /// </summary>
    public bool Cancel(string id)
    {
        Run? run;
        bool queued;
        lock (_gate)
        {
            if (!_runs.TryGetValue(id, out run))
            {
                return false;
            }

            // A queued run is marked as taken, so that its job, when a worker gets to it, does not start it.
            queued = !run.Started;
            run.Started = true;
        }

        run.Cancel.Cancel();
        if (queued)
        {
            End(run, r => r with { State = RestoreRunState.Cancelled, EndedAt = clock.GetUtcNow(), Problem = "Cancelled before it started; nothing was written." });
        }

        if (run.HistoryId is { } historyId)
        {
            // A queued run ends in the history at once; a running one ends there when its tool has stopped.
            _ = recorder.History.RequestCancelAsync(historyId, CancellationToken.None);
        }

        return true;
    }

    /// <summary>The run recorded in the job history as <paramref name="historyId"/>, while it is queued or running here.</summary>
    public RestoreRunRecord? RunOf(long historyId)
    {
        lock (_gate)
        {
            return _runs.Values.FirstOrDefault(r => r.HistoryId == historyId)?.Record;
        }
    }

    /// <summary>Called by <see cref="RestoreJob"/> on a Hangfire worker.</summary>
    internal async Task RunQueuedAsync(string id, CancellationToken jobCancelled)
    {
        Run run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(id, out var queued) || queued.Started)
            {
                throw new RestoreRefusedException(
                    $"Not run: restore run {id} was queued before the dashboard restarted, was cancelled, or this is a second delivery of a job that already ran. Start a new restore if one is still wanted.");
            }

            run = queued;
            run.Started = true;
        }

        var scope = run.HistoryId is { } historyId ? await recorder.ResumeAsync(historyId, jobCancelled).ConfigureAwait(false) : null;
        if (scope is null)
        {
            // Cancelled in the job history while it waited (bdash jobs cancel): nothing was written.
            End(run, r => r with { State = RestoreRunState.Cancelled, EndedAt = clock.GetUtcNow(), Problem = "Cancelled before it started; nothing was written." });
            return;
        }

        await using (scope.ConfigureAwait(false))
        {
            var ended = await RunStartedAsync(run, scope, jobCancelled).ConfigureAwait(false);
            if (ended.State != RestoreRunState.Succeeded)
            {
                // Hangfire shows the job as failed, with the reason the record keeps.
                throw new RestoreFailedException(ended);
            }
        }
    }

    private async Task<RestoreRunRecord> RunStartedAsync(Run run, JobScope scope, CancellationToken jobCancelled)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(jobCancelled, lifetime.ApplicationStopping, run.Cancel.Token, scope.Token);
        Update(run, r => r with { State = RestoreRunState.Running, Runner = RunnerProcess.Current, StartedAt = clock.GetUtcNow() });
        try
        {
            var result = await runner.RunAsync(run.Plan, new ProgressRelay(this, run), stop.Token).ConfigureAwait(false);
            var state = result.Succeeded ? RestoreRunState.Succeeded : stop.IsCancellationRequested ? RestoreRunState.Cancelled : RestoreRunState.Failed;
            var ended = End(run, r => r with
            {
                State = state,
                EndedAt = clock.GetUtcNow(),
                Problem = state == RestoreRunState.Cancelled ? $"Cancelled: {Stopper(run, scope, jobCancelled)}. {result.Problem}" : result.Problem,
                Result = RestoreResultView.From(result),
            });
            var ending = OtherJobEndings.Restore(result, scope);
            await scope.EndAsync(ending with { State = JobStateOf(state), Reason = ended.Problem ?? ending.Reason }).ConfigureAwait(false);
            return ended;
        }
        catch (OperationCanceledException)
        {
            var ended = End(run, r => r with { State = RestoreRunState.Cancelled, EndedAt = clock.GetUtcNow(), Problem = $"Cancelled: {Stopper(run, scope, jobCancelled)}." });
            await scope.EndAsync(new JobEnding(JobState.Cancelled, ended.Problem)).ConfigureAwait(false);
            return ended;
        }
        catch (Exception e) when (e is RestoreRefusedException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var ended = End(run, r => r with { State = RestoreRunState.Failed, EndedAt = clock.GetUtcNow(), Problem = e.Message });
            await scope.EndAsync(new JobEnding(JobState.Failed, e.Message)).ConfigureAwait(false);
            return ended;
        }
        catch (Exception e)
        {
            // Never left "running": the record says it failed, and Hangfire shows the exception.
            End(run, r => r with { State = RestoreRunState.Failed, EndedAt = clock.GetUtcNow(), Problem = $"Failed: {e.Message}" });
            await scope.EndAsync(new JobEnding(JobState.Failed, $"Failed: {e.Message}")).ConfigureAwait(false);
            throw;
        }
    }

    private static JobState JobStateOf(RestoreRunState state) => state switch
    {
        RestoreRunState.Succeeded => JobState.Succeeded,
        RestoreRunState.Cancelled => JobState.Cancelled,
        _ => JobState.Failed,
    };

    private string Stopper(Run run, JobScope scope, CancellationToken jobCancelled) =>
        run.Cancel.IsCancellationRequested ? "asked to stop (POST /api/restores/{id}/cancel)"
        : scope.CancelRequested ? "asked to stop (bdash jobs cancel or POST /api/jobs/{id}/cancel)"
        : lifetime.ApplicationStopping.IsCancellationRequested || jobCancelled.IsCancellationRequested ? "the dashboard stopped (or the job was deleted), and the tool was stopped"
        : "the tool was stopped";

    private void Update(Run run, Func<RestoreRunRecord, RestoreRunRecord> change)
    {
        lock (_gate)
        {
            if (run.Record.Ended)
            {
                return;
            }

            run.Record = change(run.Record);
            store.Save(run.Record);
        }
    }

    private RestoreRunRecord End(Run run, Func<RestoreRunRecord, RestoreRunRecord> change)
    {
        lock (_gate)
        {
            if (!run.Record.Ended)
            {
                run.Record = change(run.Record);
                store.Save(run.Record);
            }

            _runs.Remove(run.Record.Id);
        }

        run.Done.TrySetResult(run.Record);
        return run.Record;
    }

    private sealed class Run(RestorePlan plan, RestoreRunRecord record)
    {
        public RestorePlan Plan => plan;
        public RestoreRunRecord Record { get; set; } = record;
        public bool Started { get; set; }
        public long? HistoryId { get; set; }
        public CancellationTokenSource Cancel { get; } = new();
        public TaskCompletionSource<RestoreRunRecord> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Each step as it starts and then each second, written into the run's record: step N of M, its kind, how far it is.</summary>
    private sealed class ProgressRelay(RestoreJobs jobs, Run run) : IProgress<RestoreProgress>
    {
        public void Report(RestoreProgress value) =>
            jobs.Update(run, r => r with
            {
                Step = value.Step,
                Steps = value.Steps,
                StepKind = RestoreStepView.KindName(value.Kind),
                StepLog = value.LogFile,
                StepBytesDone = value.BytesDone,
                StepBytesTotal = value.BytesTotal,
                StepFile = value.CurrentFile,
                StepSecondsLeft = value.TimeLeft is { } left ? (long)Math.Ceiling(left.TotalSeconds) : null,
                StepSaid = value.LastLine,
            });
    }
}
