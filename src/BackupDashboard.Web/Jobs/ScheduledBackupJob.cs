using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Tools;
using Hangfire;
using Hangfire.Server;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// What a server's recurring jobs run ("backup-full:{server}", "backup-incremental:{server}",
/// kept in step with the catalog by <see cref="ScheduleSync"/>). An incremental whose moment the
/// full also has runs no backup: the full covers it. No automatic retry: a failed scheduled
/// backup waits for the operator or the next fire.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class ScheduledBackupJob(BackupJobs jobs, IScheduleCatalog schedules, TimeProvider clock)
{
    /// <param name="context">Hangfire's, passed in by it (null in the recurring job's expression).</param>
    [JobDisplayName("Scheduled {1} backup of {0}")]
    public async Task<string> RunAsync(string server, BackupKind kind, PerformContext? context, CancellationToken cancellationToken)
    {
        if (await schedules.FindAsync(server, cancellationToken).ConfigureAwait(false) is not { } schedule)
        {
            return $"Not run: '{server}' has no schedule any more.";
        }

        // The moment the recurring job fired for ("Time", set by Hangfire's recurring scheduler), else when the job was made.
        var fire = context?.GetJobParameter<long?>("Time") is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : context?.BackgroundJob.CreatedAt is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
            : clock.GetUtcNow();
        if (kind == BackupKind.Incremental && schedule.FullFiresWith(fire))
        {
            return $"Not run: the full of {fire:yyyy-MM-dd HH:mm} UTC covers this incremental.";
        }

        return await jobs.RunScheduledAsync(server, kind, cancellationToken).ConfigureAwait(false);
    }
}
