using BackupDashboard.Engine.RestoreRuns;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Thrown after a restore run that did not succeed (failed or cancelled) has been recorded, so that
/// its Hangfire job ends as failed with the same reason its run.json gives.
/// </summary>
public sealed class RestoreFailedException(RestoreRunRecord run)
    : Exception($"Restore run {run.Id} of {run.RestorePoint} into {run.DataDir} {(run.State == RestoreRunState.Cancelled ? "was cancelled" : "failed")}: {run.Problem ?? "no reason recorded"}");
