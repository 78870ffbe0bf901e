using BackupDashboard.Engine.Retention;

namespace BackupDashboard.Web.Services;

/// <summary>A retention run, or its dry run, in the operator's words: each chain that goes, why, and its size.</summary>
internal static class RetentionWords
{
    public static string Of(RetentionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var server = result.Plan.Server;
        var kept = result.Plan.Kept.Count();
        if (result.Deleted.Count == 0)
        {
            return $"{(result.DryRun ? "A retention run now would delete nothing" : "Retention deleted nothing")} of {server} ({result.Plan.Policy}; {kept} chain{(kept == 1 ? "" : "s")} kept).";
        }

        var chains = string.Join("; ", result.Deleted.Select(d =>
            $"the chain of {d.Verdict.FullId} ({d.Verdict.Chain.Backups.Count} backups, {DisplayFormat.Size(d.Bytes)}): {d.Verdict.Why}{(d.Problem is null ? "" : $", {d.Problem}")}"));
        return result.DryRun
            ? $"A retention run now would delete {chains}. {kept} chain{(kept == 1 ? "" : "s")} kept. Nothing was deleted."
            : $"Retention deleted {chains}; {DisplayFormat.Size(result.BytesFreed)} freed, {kept} chain{(kept == 1 ? "" : "s")} kept.";
    }
}
