using System.Globalization;
using System.Text;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.Rehearsals;

/// <summary>
/// The rehearsal's log for the job history: each restore step with its result, time and note
/// (the verify step's note is the check's summary), the check's findings, the plan's warnings,
/// and where the steps' whole output is. Plain lines, no markup.
/// </summary>
internal static class RehearsalLog
{
    public static string Of(RestoreResult restore, RehearsalVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(verdict);
        var plan = restore.Plan;
        var log = new StringBuilder();
        Line(log, $"Restore point {plan.RestorePoint.Id} (chain: {string.Join(", ", plan.Chain.Select(b => b.Id))}) into {plan.Options.DataDir}, working copy {plan.Options.WorkDir}");
        foreach (var outcome in restore.Steps)
        {
            var result = outcome.ExitCode == 0 ? "ok" : $"FAILED (exit {outcome.ExitCode})";
            Line(log, $"step {outcome.Number}/{plan.Steps.Count} {outcome.Step.Kind.ToString().ToLowerInvariant()}: {result} in {outcome.Duration.TotalSeconds:0.0} s");
            if (outcome.Note is not null)
            {
                Line(log, $"  {outcome.Note}");
            }
        }

        // The verify step's note already counts the tables and carries the check's notes; only the findings are added.
        foreach (var finding in restore.Check?.Problems.Concat(restore.Check.Unchecked.Select(t => $"{t}: encrypted, not checked")) ?? [])
        {
            Line(log, $"  {finding}");
        }

        foreach (var warning in plan.Warnings)
        {
            Line(log, $"warning: {warning}");
        }

        if (verdict.TimeToRestore is { } restoreTime)
        {
            Line(log, $"time to restore {restoreTime.TotalSeconds:0.0} s, check {verdict.CheckDuration?.TotalSeconds ?? 0:0.0} s");
        }

        if (restore.Problem is not null && restore.Check is not { Clean: false })
        {
            Line(log, $"problem: {RehearsalVerdict.WithoutLeftBehind(restore.Problem)}");
        }

        Line(log, $"step logs: {restore.LogDir}");
        return log.ToString();
    }

    private static void Line(StringBuilder log, FormattableString text) =>
        log.AppendLine(text.ToString(CultureInfo.InvariantCulture));
}
