using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// What Hangfire runs for a backup started from the UI or the API. Its arguments are plain
/// values, stored as JSON in the job storage. No automatic retry: a failed backup is recorded
/// as failed and waits for the operator (or the next schedule), it does not run again by itself.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class BackupJob(BackupJobs jobs)
{
    /// <param name="runId">Ties the job to the request that queued it (<see cref="BackupJobs"/>).</param>
    /// <param name="cancellationToken">Hangfire's: fires when the dashboard stops or the job is deleted.</param>
    [JobDisplayName("Backup of {0} ({1})")]
    public Task RunAsync(string server, BackupKind kind, string? baseId, ulong? incrementalLsn, int parallel, Guid runId, CancellationToken cancellationToken) =>
        jobs.RunQueuedAsync(server, new BackupOrder(kind, baseId, incrementalLsn, parallel), runId, cancellationToken);

    /// <summary>
    /// The same with --incremental-force-scan; a method of its own so that jobs queued before the
    /// option existed (stored with the signature above) still run.
    /// </summary>
    [JobDisplayName("Backup of {0} ({1}, force scan)")]
    public Task RunForceScanAsync(string server, BackupKind kind, string? baseId, ulong? incrementalLsn, int parallel, Guid runId, CancellationToken cancellationToken) =>
        jobs.RunQueuedAsync(server, new BackupOrder(kind, baseId, incrementalLsn, parallel, IncrementalForceScan: true), runId, cancellationToken);
}
