namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The runbook of a partial backup (<see cref="PartialRestorePlanner"/>): prepare --export, then
/// each table's check, discard, copy and import, run by the operator against the running target
/// server. No empty-datadir check: the target is a running server's datadir.
/// </summary>
internal static class PartialRunbook
{
    public static void Write(RunbookText script, RestorePlan plan)
    {
        var point = plan.RestorePoint;
        var options = plan.Options;
        RunbookHeader.Opening(script,
            "Partial restore runbook written by BackupDashboard. bdash does not run these steps: the operator runs them, on the target server's host, against the running target server (docs/restore-plans.md, \"Partial backups\").");
        script.CommentLine($"# Server:         {point.Server}");
        script.CommentLine($"# Partial backup: {point.Id} (to_lsn {point.ToLsn}){(point.Filter is { } filter ? $", {filter.Describe()}" : "")}");
        script.CommentLine($"# Tool:           {point.ToolName} {point.ToolVersion}");
        script.CommentLine($"# Target:         the running server whose datadir is {options.DataDir}; files owned by {options.Owner}");
        script.CommentLine(options.WorkDir is { } work
            ? $"# Working copy:   {work} (prepare --export runs there; the stored backup stays as it was)"
            : "# In place:       prepare --export runs on the stored backup itself");
        RunbookHeader.Notes(script, plan.Warnings, "NOTE");
        script.Blank();
        script.Line("set -euo pipefail");
        script.Blank();
        if (options.WorkDir is { } fresh)
        {
            RunbookChecks.FreshWorkDir(script, fresh);
        }

        var prepare = plan.Steps.ToList().FindIndex(s => s.Kind == RestoreStepKind.Prepare);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var on = step.BackupId ?? step.Table;
            script.Comment($"Step {i + 1} of {plan.Steps.Count}, {RestoreRunbook.Name(step.Kind)}{(on is null ? "" : $" ({on})")}: {step.Why}");
            script.Line(ShellWords.Command(step.Argv));
            if (i == prepare)
            {
                script.Blank();
                RunbookChecks.Prepared(script, Path.Combine(plan.PreparedDir, plan.CheckpointsFileName), "not importing its tables");
            }

            script.Blank();
        }

        script.Line($"echo {ShellWords.Quote($"Imported the tables of {point.Id} into the server of {options.DataDir}.")}");
        if (options.WorkDir is { } done)
        {
            script.Comment($"The working copy is no longer needed once the tables are imported: rm -rf -- {ShellWords.Quote(done)}");
        }
    }
}
