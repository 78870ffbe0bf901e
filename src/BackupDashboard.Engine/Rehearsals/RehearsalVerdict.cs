using System.Globalization;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.Rehearsals;

/// <summary>
/// Pass or fail of one rehearsal and what it measured. Pass: the restore succeeded, CHECK TABLE
/// ran and found no problem, and it checked at least one table. A MariaDB or MySQL datadir
/// always holds InnoDB tables of its own (mysql.innodb_table_stats, …), so a check of none did
/// not look at the restore and does not pass. Encrypted tables the check server has no keys for
/// are not problems (as for restore --verify), but they are not counted as checked.
/// </summary>
internal sealed record RehearsalVerdict(bool Passed, string Reason, TimeSpan? TimeToRestore, TimeSpan? CheckDuration, int TablesChecked)
{
    private const int ProblemsShown = 5;

    /// <summary>A rehearsal whose restore never ran (refused, or nothing to restore).</summary>
    public static RehearsalVerdict NotRun(string reason) => new(false, reason, null, null, 0);

    /// <param name="wallTime">Planning to the end of the restore run, the check included.</param>
    public static RehearsalVerdict Of(RestoreResult restore, TimeSpan wallTime)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var check = restore.Check;
        var checkDuration = restore.Steps.FirstOrDefault(s => s.Step.Kind == RestoreStepKind.Verify)?.Duration;
        // Only a datadir that holds the restore point has a time to restore.
        TimeSpan? timeToRestore = restore.RestoreComplete ? wallTime - (checkDuration ?? TimeSpan.Zero) : null;
        var tablesChecked = check is null ? 0 : check.TablesChecked - check.Unchecked.Count;
        var reason = check is { Clean: false }
            ? string.Create(CultureInfo.InvariantCulture, $"CHECK TABLE found {check.Problems.Count} problem(s) in the restored copy: {string.Join("; ", check.Problems.Take(ProblemsShown))}")
            : !restore.Succeeded ? WithoutLeftBehind(restore.Problem ?? "the restore failed without saying why")
            : check is null ? "no CHECK TABLE ran on the restored copy"
            : tablesChecked == 0 ? "CHECK TABLE checked no table: the restored copy was not looked at"
            : null;
        if (reason is not null)
        {
            return new(false, reason, timeToRestore, checkDuration, tablesChecked);
        }

        var passed = string.Create(CultureInfo.InvariantCulture, $"{tablesChecked} tables checked, none bad");
        if (check!.Unchecked.Count > 0)
        {
            passed += string.Create(CultureInfo.InvariantCulture, $"; {check.Unchecked.Count} encrypted table(s) not checked (no keys here)");
        }

        return new(true, passed, timeToRestore, checkDuration, tablesChecked);
    }

    /// <summary>
    /// A failed restore's problem ends with a line on what it left behind for the operator to
    /// clean up; the rehearsal deletes all of it, so that line would only mislead.
    /// </summary>
    public static string WithoutLeftBehind(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var last = problem.LastIndexOf(Environment.NewLine, StringComparison.Ordinal);
        return last > 0 ? problem[..last] : problem;
    }
}
