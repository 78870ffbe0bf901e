using System.Globalization;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Retention;

namespace BackupDashboard.Engine.Jobs;

/// <summary>How restore and retention runs read in the job history.</summary>
public static class OtherJobEndings
{
    public static JobEnding Restore(RestoreResult result, JobScope scope)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scope);
        var state = result.Succeeded ? JobState.Succeeded : scope.Token.IsCancellationRequested ? JobState.Cancelled : JobState.Failed;
        var reason = result.Succeeded
            ? $"Restored {result.Plan.RestorePoint.Id} into {result.Plan.Options.DataDir}"
            : (state == JobState.Cancelled && scope.CancelRequested ? "Cancelled by request. " : "") + result.Problem;
        var log = string.Join(Environment.NewLine, result.Steps.Select(step =>
            string.Create(CultureInfo.InvariantCulture, $"== step {step.Number} ({step.Step.Kind}), exit {step.ExitCode}, {step.Duration.TotalSeconds:0.0} s{Environment.NewLine}")
            + BackupJobEnding.ReadLog(step.LogFile)));
        return new JobEnding(state, reason, null, log, result.Plan.RestorePoint.Id);
    }

    public static JobEnding Retention(RetentionResult result, JobScope scope)
    {
        ArgumentNullException.ThrowIfNull(result);
        var deleted = result.Deleted.Count(d => d.Problem is null);
        var problems = result.Deleted.Where(d => d.Problem is not null).Select(d => $"chain {d.Verdict.FullId}: {d.Problem}").ToList();
        var reason = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{deleted} chain(s) deleted, {result.BytesFreed} bytes freed")
            : $"Could not delete {string.Join("; ", problems)}";
        var log = string.Join(Environment.NewLine, result.Plan.Chains.Select(c => $"{c.FullId}: {(c.Delete ? "delete" : "keep")} ({c.Why})").Concat(result.Notes));
        return new JobEnding(problems.Count == 0 ? JobState.Succeeded : JobState.Failed, reason, result.BytesFreed, log);
    }
}
