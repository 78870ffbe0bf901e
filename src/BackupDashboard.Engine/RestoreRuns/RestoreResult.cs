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

/// <summary>
/// Where a restore run is: step n of m and what it does, reported as each step starts; then, once
/// a second while it runs (<see cref="RestoreRuns.StepWatch"/>), how far that step is.
/// </summary>
public sealed record RestoreProgress(int Step, int Steps, RestoreStepKind Kind, string Why)
{
    /// <summary>The step's whole output so far, for whoever wants to read it live.</summary>
    public string? LogFile { get; init; }

    /// <summary>Measured where the step can be (<see cref="StepWork"/>): bytes done of bytes total.</summary>
    public long? BytesDone { get; init; }

    public long? BytesTotal { get; init; }

    /// <summary>The file the step works on now, as the tool named it or as the sizes show.</summary>
    public string? CurrentFile { get; init; }

    /// <summary>At the step's pace so far.</summary>
    public TimeSpan? TimeLeft { get; init; }

    /// <summary>The last line of the step's output.</summary>
    public string? LastLine { get; init; }
}
