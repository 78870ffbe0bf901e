namespace BackupDashboard.Engine.Restores;

/// <summary>
/// One step of a restore: its argv exactly as it runs (prepare and copy-back need no
/// credentials, so nothing here is secret), and why it is there in the operator's words,
/// including why a prepare has or lacks --apply-log-only. <see cref="BackupId"/> names the
/// backup a copy or prepare step works on.
/// </summary>
public sealed record RestoreStep(RestoreStepKind Kind, IReadOnlyList<string> Argv, string Why, string? BackupId = null)
{
    /// <summary>The table ("db.table") a step of a partial restore works on (docs/restore-plans.md, "Partial backups").</summary>
    public string? Table { get; init; }

    /// <summary>For a working copy whose .delta files and redo log are hard links: the stored backup folder they link to.</summary>
    public string? SharesFilesWith { get; init; }

    /// <summary>
    /// For the step that puts a prepared working copy in place (the rename, move-back): the holes
    /// that cp --sparse=always left in it, allocated before it runs (<see cref="RestoreRuns.HoleAllocation"/>,
    /// docs/restore-plans.md, "The working copy").
    /// </summary>
    public HolesToAllocate? Holes { get; init; }

    /// <summary>How its progress is measured while it runs (<see cref="RestoreRuns.StepMeter"/>); null when it cannot be.</summary>
    public StepWork? Work { get; init; }
}

/// <summary>
/// What a step's progress is counted in: the bytes of <see cref="From"/> that have arrived in
/// <see cref="To"/> (a copy, copy-back, move-back), or, with no <see cref="To"/>, the bytes of
/// the .delta files under <see cref="From"/> that prepare has applied (mariabackup and
/// xtrabackup unlink each one once applied).
/// </summary>
public sealed record StepWork(string From, string? To);

/// <summary>
/// The holes to allocate in <see cref="PreparedDir"/>: every file's, except where the stored full
/// under <see cref="StoredFull"/> has holes of its own (page compression punches them).
/// </summary>
public sealed record HolesToAllocate(string PreparedDir, string StoredFull);
