namespace BackupDashboard.Engine.Restores;

/// <summary>How one step went: its exit code, how long it took, and where its whole output is.</summary>
public sealed record RestoreStepOutcome(int Number, RestoreStep Step, int ExitCode, TimeSpan Duration, string LogFile, string? Note);

/// <summary>
/// The CHECK TABLE results of the temporary server started on the restored datadir.
/// <see cref="Unchecked"/>: encrypted tables the check server had no keys for, which it could not
/// read (not a fault of the restore); <see cref="Notes"/>: why, in words.
/// </summary>
public sealed record TableCheckReport(int TablesChecked, IReadOnlyList<string> Problems)
{
    public IReadOnlyList<string> Unchecked { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    public bool Clean => Problems.Count == 0;
}

/// <summary>
/// The end of a restore run. On failure, <see cref="Problem"/> names the step, carries the
/// tool's own words, and says what was left behind.
/// </summary>
public sealed record RestoreResult(
    RestorePlan Plan,
    bool Succeeded,
    string? Problem,
    IReadOnlyList<RestoreStepOutcome> Steps,
    TableCheckReport? Check,
    string LogDir,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The datadir holds the prepared restore point, copied back (and owned as asked): true when
    /// the run succeeded, and when only the verify step failed, so that nobody restores again.
    /// </summary>
    public bool RestoreComplete { get; init; } = Succeeded;
}

/// <summary>Where a restore run is: step n of m, and what it does.</summary>
public sealed record RestoreProgress(int Step, int Steps, RestoreStepKind Kind, string Why);
