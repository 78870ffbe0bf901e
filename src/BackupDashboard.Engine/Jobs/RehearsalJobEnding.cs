using BackupDashboard.Engine.Rehearsals;

namespace BackupDashboard.Engine.Jobs;

/// <summary>How a restore rehearsal reads in the job history: passed or failed, why, its measured time to restore, its log.</summary>
public static class RehearsalJobEnding
{
    public static JobEnding Of(RehearsalResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reason = result.CleanupProblem is null ? result.Reason : $"{result.Reason} (scratch folder not removed: {result.CleanupProblem})";
        return new JobEnding(result.Passed ? JobState.Succeeded : JobState.Failed, reason, Log: result.Log, Subject: result.RestorePoint, TimeToRestore: result.TimeToRestore);
    }
}
