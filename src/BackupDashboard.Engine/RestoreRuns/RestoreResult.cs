namespace BackupDashboard.Engine.Restores;

/// <summary>How one step went: its exit code, how long it took, and where its whole output is.</summary>
public sealed record RestoreStepOutcome(int Number, RestoreStep Step, int ExitCode, TimeSpan Duration, string LogFile, string? Note);

/// <summary>The CHECK TABLE results of the temporary server started on the restored datadir.</summary>
public sealed record TableCheckReport(int TablesChecked, IReadOnlyList<string> Problems)
{
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
    IReadOnlyList<string> Notes);

/// <summary>Where a restore run is: step n of m, and what it does.</summary>
public sealed record RestoreProgress(int Step, int Steps, RestoreStepKind Kind, string Why);
