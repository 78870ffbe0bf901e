using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Rehearsals;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// A restore rehearsal of one server (docs/rehearsals.md) on its server's queue, so that it never
/// runs beside that server's backup. Fired by the server's rehearsal schedule, or queued by the
/// API with its run already in the job history. A failed rehearsal fails the job, and the job
/// history's ending sends the notice.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class RehearsalJob(RehearsalRunner rehearsals, JobRecorder recorder, IHostApplicationLifetime lifetime)
{
    /// <param name="runId">The job-history run the API queued; null for a schedule's fire.</param>
    [JobDisplayName("Restore rehearsal of {0}")]
    public async Task<string> RunAsync(string server, long? runId, CancellationToken cancellationToken)
    {
        var id = runId ?? (await recorder.History.QueueAsync(JobKind.Rehearsal, server, JobTrigger.Schedule, null, cancellationToken).ConfigureAwait(false)).Id;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var scope = await recorder.ResumeAsync(id, stop.Token).ConfigureAwait(false);
        if (scope is null)
        {
            return "Cancelled before it started.";
        }

        RehearsalResult result;
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                result = await rehearsals.RunAsync(server, scope.Token).ConfigureAwait(false);
                await scope.EndAsync(RehearsalJobEnding.Of(result)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await scope.EndAsync(scope.EndingFor(e)).ConfigureAwait(false);
                throw;
            }
        }

        return result.Passed ? result.Reason : throw new InvalidOperationException($"Rehearsal of {server} failed: {result.Reason}");
    }
}
