using BackupDashboard.Engine.Tools;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// What a server's recurring jobs run ("backup-full:{server}", "backup-incremental:{server}",
/// kept in step with the catalog by <see cref="ScheduleSync"/>). No automatic retry: a failed
/// scheduled backup waits for the operator or the next fire.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class ScheduledBackupJob(BackupJobs jobs)
{
    [JobDisplayName("Scheduled {1} backup of {0}")]
    public Task<string> RunAsync(string server, BackupKind kind, CancellationToken cancellationToken) =>
        jobs.RunScheduledAsync(server, kind, cancellationToken);
}
