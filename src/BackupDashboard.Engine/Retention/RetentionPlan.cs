using BackupDashboard.Engine.Chains;

namespace BackupDashboard.Engine.Retention;

/// <summary>One chain and what retention does with it, and why, in operator words.</summary>
public sealed record ChainVerdict(BackupChain Chain, bool Delete, string Why)
{
    /// <summary>The chain's full (or its first backup, when the full is missing).</summary>
    public string FullId => Chain.Backups[0].Id;

    public DateTimeOffset Newest => Chain.Backups.Max(b => b.StartedAt);
}

/// <summary>What a retention run does to one server's chains, newest chain first.</summary>
public sealed record RetentionPlan(string Server, RetentionPolicy Policy, DateTimeOffset At, IReadOnlyList<ChainVerdict> Chains)
{
    public IEnumerable<ChainVerdict> Deleted => Chains.Where(c => c.Delete);

    public IEnumerable<ChainVerdict> Kept => Chains.Where(c => !c.Delete);
}
