using BackupDashboard.Engine.Runs;

namespace BackupDashboard.Engine.Jobs;

/// <summary>
/// At the start of the web app and of bdash: a run the history still calls queued or running
/// whose process is gone (killed, crashed, the machine stopped) becomes failed, "interrupted",
/// so the history never shows a run that stays "running". Runs of live processes are theirs.
/// </summary>
public static class InterruptedJobs
{
    public static async Task<int> SettleAsync(JobRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var history = recorder.History;
        var settled = 0;
        foreach (var run in await history.ListUnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (RunnerProcess.IsAlive(run.Runner))
            {
                continue;
            }

            var reason = run.State == JobState.Queued
                ? $"Not run: the process that queued it ({run.Runner ?? "not recorded"}) ended before it started (stopped, killed or crashed)."
                : $"Interrupted: the process that ran it ({run.Runner ?? "not recorded"}) ended before it finished (killed, crashed, or the machine stopped).";
            await recorder.FinishAsync(run.Id, new JobEnding(JobState.Failed, reason), cancellationToken).ConfigureAwait(false);
            settled++;
        }

        return settled;
    }
}
