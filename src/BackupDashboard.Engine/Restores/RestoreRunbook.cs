using System.Text;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The plan as a bash script an operator can read and run by hand: what is restored, then each
/// step as a comment with its reason and the exact command, with the checks the product makes
/// (an empty target, a fresh working copy, a prepared base before copy-back).
/// </summary>
public static class RestoreRunbook
{
    public static string ToShellScript(RestorePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var script = new RunbookText();
        if (plan.IsPartial)
        {
            PartialRunbook.Write(script, plan);
            return script.ToString();
        }

        RunbookHeader.Write(script, plan);
        script.Line("set -euo pipefail");
        script.Blank();
        RunbookChecks.EmptyTarget(script, plan.Options.DataDir);
        if (plan.Options.WorkDir is { } work)
        {
            RunbookChecks.FreshWorkDir(script, work);
        }

        var lastPrepare = plan.Steps.ToList().FindLastIndex(s => s.Kind == RestoreStepKind.Prepare);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            script.Comment($"Step {i + 1} of {plan.Steps.Count}, {Name(step.Kind)}{((step.BackupId ?? step.Table) is { } on ? $" ({on})" : "")}: {step.Why}");
            if (step.Holes is { } holes)
            {
                RunbookChecks.AllocateHoles(script, holes);
            }

            switch (step.Kind)
            {
                case RestoreStepKind.Chown:
                    RunbookChecks.ChownIfUserExists(script, step, plan.Options.Owner);
                    break;
                case RestoreStepKind.RenameIntoPlace:
                    RunbookChecks.RenameIntoPlace(script, step, CopyBackSkips.For(plan.RestorePoint.ToolName == "mariabackup" ? "mariabackup" : "xtrabackup", plan.CheckpointsFileName));
                    break;
                case RestoreStepKind.Verify:
                    RunbookChecks.VerifyByHand(script, step, plan.Options.DataDir);
                    break;
                default:
                    script.Line(ShellWords.Command(step.Argv));
                    break;
            }

            if (i == lastPrepare)
            {
                script.Blank();
                RunbookChecks.Prepared(script, Path.Combine(plan.PreparedDir, plan.CheckpointsFileName));
            }

            script.Blank();
        }

        script.Line($"echo {ShellWords.Quote($"Restored {plan.RestorePoint.Id} into {plan.Options.DataDir}.")}");
        if (plan.Options.WorkDir is { } done)
        {
            script.Comment($"The working copy is no longer needed once the restored server runs: rm -rf -- {ShellWords.Quote(done)}");
        }

        return script.ToString();
    }

    internal static string Name(RestoreStepKind kind) => kind switch
    {
        RestoreStepKind.CopyBack => "copy-back",
        RestoreStepKind.MoveBack => "move-back",
        RestoreStepKind.RenameIntoPlace => "rename",
        RestoreStepKind.TableCheck => "table-check",
        RestoreStepKind.DiscardTablespace => "discard-tablespace",
        RestoreStepKind.CopyTableFiles => "copy-table-files",
        RestoreStepKind.ImportTablespace => "import-tablespace",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>The script being written: lines ending in "\n" whatever the platform, as bash wants.</summary>
internal sealed class RunbookText
{
    private readonly StringBuilder _text = new();

    public void Line(string line) => _text.Append(line).Append('\n');

    public void Blank() => _text.Append('\n');

    /// <summary>One comment line as given; a line break in a value (a server name, a path) would end the comment and run the rest.</summary>
    public void CommentLine(string line) => Line(line.Replace('\n', ' ').Replace('\r', ' '));

    public void Comment(string text)
    {
        foreach (var line in ShellWords.Comment(text))
        {
            Line(line);
        }
    }

    public override string ToString() => _text.ToString();
}
