using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>The runbook's opening comment: what is restored, from which chain, with which tool, to where.</summary>
internal static class RunbookHeader
{
    public static void Write(RunbookText script, RestorePlan plan)
    {
        var point = plan.RestorePoint;
        var options = plan.Options;
        Opening(script, "Restore runbook written by BackupDashboard: the same steps the product runs, to read and run by hand.");
        script.CommentLine($"# Server:        {point.Server}");
        script.CommentLine($"# Restore point: {point.Id} ({(point.Kind == BackupKind.Full ? "full" : "incremental")}, from_lsn {point.FromLsn}, to_lsn {point.ToLsn}, last_lsn {point.LastLsn})");
        foreach (var line in ShellWords.Comment(RestorePath.Describe(plan.Chain), "# Chain:         ", "#                "))
        {
            script.Line(line);
        }

        script.CommentLine($"# Tool:          {point.ToolName} {point.ToolVersion}");
        var intoPlace = plan.Steps.First(s => s.Kind is RestoreStepKind.CopyBack or RestoreStepKind.MoveBack or RestoreStepKind.RenameIntoPlace).Kind;
        script.CommentLine($"# Target:        {options.DataDir} ({RestoreRunbook.Name(intoPlace)}, then chown -R {options.Owner})");
        script.CommentLine(options.WorkDir is { } work
            ? $"# Working copy:  {work} (prepare runs there; the stored backups stay restorable)"
            : "# In place:      prepare runs on the stored backups themselves");
        Notes(script, plan.Warnings, "WARNING");
        script.Blank();
    }

    /// <summary>The script's first lines: the interpreter, then what the script is.</summary>
    public static void Opening(RunbookText script, string what)
    {
        script.Line("#!/usr/bin/env bash");
        script.Comment(what);
        script.Line("#");
    }

    /// <summary>Each warning as its own comment paragraph, its lines after the first indented under the label.</summary>
    public static void Notes(RunbookText script, IEnumerable<string> notes, string label)
    {
        foreach (var note in notes)
        {
            script.Line("#");
            foreach (var line in ShellWords.Comment(note, $"# {label}: ", "#" + new string(' ', label.Length + 2)))
            {
                script.Line(line);
            }
        }
    }
}
