using BackupDashboard.Engine.Jobs;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// A failed run of any kind, whoever started it (a schedule, the dashboard, bdash from cron),
/// becomes a notice; a failed rehearsal its own kind of notice. Cancelled runs were stopped on
/// purpose and send nothing (docs/notifications.md).
/// </summary>
public sealed class FailedRunNotices(Notifier notifier, TimeProvider clock) : IJobEndObserver
{
    public async Task EndedAsync(JobRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.State != JobState.Failed)
        {
            return;
        }

        var problem = run.Reason ?? "no reason recorded";
        var notice = run.Kind == JobKind.Rehearsal
            ? Notice.RehearsalFailed(run.Server, problem, run.Id, clock.GetUtcNow())
            : Notice.RunFailed(run.Server, $"{JobWords.Of(run.Kind)}{(run.Subject is null ? "" : $" {run.Subject}")}", problem, run.Id, clock.GetUtcNow());
        await notifier.NotifyAsync(notice, cancellationToken).ConfigureAwait(false);
    }
}
