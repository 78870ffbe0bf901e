using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The prepare steps of a chain, in order, with or without --apply-log-only by tool and version.
/// mariabackup 10.2 and later: a plain --prepare of the base, then one per incremental; 10.11
/// rejects --apply-log-only ("unknown option", rc 2: docs/restore-plans.md).
/// XtraBackup 2.4 / 8.0 / 8.4 and mariabackup 10.1: --apply-log-only on the base and every
/// incremental but the last, because a plain prepare also rolls back uncommitted transactions
/// and no incremental can be applied after that (Percona: prepare-incremental-backup.md).
/// </summary>
internal static class PrepareSteps
{
    public static IEnumerable<RestoreStep> For(IReadOnlyList<BackupRecord> chain, IReadOnlyList<string> dirs, string tool, ToolCapabilities capabilities)
    {
        var full = chain[0];
        var baseDir = dirs[0];
        var needed = capabilities.ApplyLogOnlyNeeded;
        var label = $"{chain[^1].ToolName} {chain[^1].ToolVersion}";
        var last = chain.Count - 1;

        if (!needed)
        {
            var plain = $"No --apply-log-only: {label} (MariaDB 10.2 and later) does no rollback in prepare, and 10.11 rejects the option as unknown.";
            yield return Step([tool, "--prepare", $"--target-dir={baseDir}"], full,
                $"Prepare the base {full.Id} (full, to_lsn {full.ToLsn}) in {baseDir}: applies its redo log. {plain}");
        }
        else if (last == 0)
        {
            yield return Step([tool, "--prepare", $"--target-dir={baseDir}"], full,
                $"Prepare the full {full.Id} (to_lsn {full.ToLsn}) in {baseDir} without --apply-log-only: it is the restore point and nothing is applied after it, so this prepare also rolls back uncommitted transactions and leaves consistent data.");
        }
        else
        {
            yield return Step([tool, "--prepare", "--apply-log-only", $"--target-dir={baseDir}"], full,
                $"Prepare the base {full.Id} (full, to_lsn {full.ToLsn}) in {baseDir} with --apply-log-only: {Rollback(label, capabilities)}, and {(last == 1 ? "1 incremental still follows" : $"{last} incrementals still follow")}.");
        }

        for (var i = 1; i <= last; i++)
        {
            var inc = chain[i];
            var range = $"{inc.Id} (from_lsn {inc.FromLsn}, to_lsn {inc.ToLsn}) from {dirs[i]}";
            var order = $"Its from_lsn is the base's to_lsn only after {chain[i - 1].Id} was applied, so the order matters.";
            if (!needed)
            {
                yield return Step([tool, "--prepare", $"--target-dir={baseDir}", $"--incremental-dir={dirs[i]}"], inc,
                    $"Apply incremental {range} to the base. {order} No --apply-log-only: {label} (MariaDB 10.2 and later) does no rollback in prepare and rejects the option. mariabackup deletes the .delta files it applies.");
            }
            else if (i < last)
            {
                yield return Step([tool, "--prepare", "--apply-log-only", $"--target-dir={baseDir}", $"--incremental-dir={dirs[i]}"], inc,
                    $"Apply incremental {range} with --apply-log-only: it is not the last ({chain[i + 1].Id} follows) and {Rollback(label, capabilities)}. {order}");
            }
            else
            {
                yield return Step([tool, "--prepare", $"--target-dir={baseDir}", $"--incremental-dir={dirs[i]}"], inc,
                    $"Apply the last incremental {range} without --apply-log-only: it is the restore point, so this step also rolls back uncommitted transactions and leaves the base ready to copy back. {order}");
            }
        }
    }

    private static string Rollback(string label, ToolCapabilities capabilities) => capabilities.Family == "mariabackup"
        ? $"{label} (before MariaDB 10.2) rolls back uncommitted transactions in a plain --prepare, after which no incremental can be applied"
        : $"{label} rolls back uncommitted transactions in a plain --prepare, after which no incremental can be applied";

    private static RestoreStep Step(string[] argv, BackupRecord backup, string why) => new(RestoreStepKind.Prepare, argv, why, backup.Id)
    {
        // Applying an incremental is measured by its .delta files, which the tool unlinks as it applies them.
        Work = argv.FirstOrDefault(a => a.StartsWith("--incremental-dir=", StringComparison.Ordinal)) is { } dir ? new StepWork(dir["--incremental-dir=".Length..], null) : null,
    };
}
