namespace BackupDashboard.Engine.Retention;

/// <summary>A chain the run deleted (or, in a dry run, would delete), its size, and what went wrong, if anything.</summary>
public sealed record ChainOutcome(ChainVerdict Verdict, long Bytes, string? Problem);

/// <summary>What a retention run did: its plan, each deletion, and notes (leftovers of an interrupted run it finished).</summary>
public sealed record RetentionResult(RetentionPlan Plan, bool DryRun, IReadOnlyList<ChainOutcome> Deleted, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Deleted.All(d => d.Problem is null);

    public long BytesFreed => Deleted.Where(d => d.Problem is null).Sum(d => d.Bytes);
}
