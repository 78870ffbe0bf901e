namespace BackupDashboard.Engine.Retention;

// The shapes bdash retention --json and /api/servers/{name}/retention answer with (snake_case).

public sealed record RetentionPolicyView(string Server, int? KeepChains, int? KeepDays, string Says)
{
    public static RetentionPolicyView From(string server, RetentionPolicy? policy) =>
        new(server, policy?.KeepChains, policy?.KeepDays, policy?.ToString() ?? "no policy: every backup is kept");
}

public sealed record ChainVerdictView(string FullId, IReadOnlyList<string> BackupIds, DateTimeOffset Newest, string Why, long? Bytes, string? Problem);

public sealed record RetentionRunView(
    string Server,
    RetentionPolicyView Policy,
    bool DryRun,
    DateTimeOffset At,
    IReadOnlyList<ChainVerdictView> Deleted,
    IReadOnlyList<ChainVerdictView> Kept,
    long BytesFreed,
    IReadOnlyList<string> Notes)
{
    /// <summary>False when a chain the policy deletes could not be deleted (<see cref="ChainVerdictView.Problem"/> says why).</summary>
    public bool Succeeded { get; init; } = true;

    public static RetentionRunView From(RetentionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        return new RetentionRunView(plan.Server, RetentionPolicyView.From(plan.Server, plan.Policy), result.DryRun, plan.At,
            [.. result.Deleted.Select(d => View(d.Verdict, d.Bytes, d.Problem))],
            [.. plan.Kept.Select(k => View(k, null, null))],
            result.DryRun ? result.Deleted.Sum(d => d.Bytes) : result.BytesFreed, result.Notes)
        {
            Succeeded = result.Succeeded,
        };
    }

    private static ChainVerdictView View(ChainVerdict v, long? bytes, string? problem) =>
        new(v.FullId, [.. v.Chain.Backups.Select(b => b.Id)], v.Newest, v.Why, bytes, problem);
}

public sealed record DeletionView(string FullId, IReadOnlyList<string> BackupIds, string Who, DateTimeOffset At, string Why, long BytesFreed)
{
    public static DeletionView From(DeletionRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.FullId, d.BackupIds, d.Who, d.At, d.Why, d.BytesFreed);
    }
}

public sealed record RetentionShowView(RetentionPolicyView Policy, IReadOnlyList<DeletionView> Deletions);
