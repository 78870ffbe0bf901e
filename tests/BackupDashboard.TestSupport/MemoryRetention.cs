using BackupDashboard.Engine.Retention;

namespace BackupDashboard.TestSupport;

/// <summary>Retention policies and deletions in memory, for tests that need no SQLite.</summary>
public sealed class MemoryRetention : IRetentionCatalog
{
    private readonly Dictionary<string, RetentionPolicy> _policies = new(StringComparer.Ordinal);

    public List<DeletionRecord> Deletions { get; } = [];

    public Task<RetentionPolicy?> FindPolicyAsync(string server, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.GetValueOrDefault(server));

    public Task SavePolicyAsync(string server, RetentionPolicy policy, CancellationToken cancellationToken)
    {
        _policies[server] = policy;
        return Task.CompletedTask;
    }

    public Task RecordDeletionAsync(DeletionRecord deletion, CancellationToken cancellationToken)
    {
        Deletions.Add(deletion);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeletionRecord>> ListDeletionsAsync(string server, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeletionRecord>>([.. Deletions.Where(d => d.Server == server).Reverse()]);
}
