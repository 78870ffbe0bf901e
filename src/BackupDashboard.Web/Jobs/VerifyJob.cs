using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// The verify of one new backup (every page checksum), on its server's queue so that it never
/// competes with that server's backup for the disk. Recorded in the job history as a verify run
/// started by the schedule (nobody asked for it); a backup with bad pages fails the run.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class VerifyJob(IBackupCatalog catalog, BackupVerifyRunner verifier, JobRecorder recorder)
{
    [JobDisplayName("Verify of {1} ({0})")]
    public async Task<string> RunAsync(string server, string backupId, CancellationToken cancellationToken)
    {
        var backup = (await catalog.FindByIdAsync(backupId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(b => string.Equals(b.Server, server, StringComparison.Ordinal));
        if (backup is null || !BackupVerifyRunner.Needs(backup))
        {
            return $"{backupId}: nothing to verify (gone, already verified, or no longer a restore point).";
        }

        var verified = await recorder.RecordAsync(JobKind.Verify, server, JobTrigger.Schedule,
            token => verifier.VerifyAsync(server, backupId, token),
            (result, _) => result?.Verification is { } v
                ? new JobEnding(v.IsPassed ? JobState.Succeeded : JobState.Failed, $"{backupId}: {v.Summary}", Subject: backupId)
                : new JobEnding(JobState.Succeeded, $"{backupId}: nothing to verify", Subject: backupId),
            cancellationToken).ConfigureAwait(false);
        return verified?.Verification is { } verification
            ? verification.IsPassed ? $"{backupId}: {verification.Summary}" : throw new InvalidOperationException($"{backupId}: {verification.Summary}")
            : $"{backupId}: nothing to verify";
    }
}
