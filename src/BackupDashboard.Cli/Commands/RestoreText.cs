using System.Globalization;
using System.Text;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Cli.Commands;

/// <summary>Restore plans and results as text for a person.</summary>
internal static class RestoreText
{
    public static string Plan(RestorePlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Restore {plan.RestorePoint.Id} of {plan.RestorePoint.Server} (to_lsn {plan.RestorePoint.ToLsn}) into {plan.Options.DataDir}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Chain: {string.Join(" -> ", plan.Chain.Select(b => b.Id))}");
        foreach (var warning in plan.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"WARNING: {warning}");
        }

        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1,2}. {RestoreStepView.KindName(step.Kind)}: {string.Join(' ', step.Argv)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    why: {step.Why}");
        }

        return text.ToString().TrimEnd();
    }

    public static string Result(RestoreResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(result.Succeeded
            ? $"Restored {result.Plan.RestorePoint.Id} into {result.Plan.Options.DataDir}."
            : result.RestoreComplete ? $"Restore complete, VERIFY FAILED: {result.Problem}" : $"Restore FAILED: {result.Problem}");
        foreach (var note in result.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }

        text.Append(CultureInfo.InvariantCulture, $"Step logs: {result.LogDir}");
        return text.ToString();
    }
}
