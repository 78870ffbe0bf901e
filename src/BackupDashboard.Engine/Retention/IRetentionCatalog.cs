namespace BackupDashboard.Engine.Retention;

/// <summary>Where retention policies and the record of every deletion are kept (the catalog).</summary>
public interface IRetentionCatalog
{
    /// <summary>The server's policy, or null when it has none (nothing is ever deleted then).</summary>
    Task<RetentionPolicy?> FindPolicyAsync(string server, CancellationToken cancellationToken);

    Task SavePolicyAsync(string server, RetentionPolicy policy, CancellationToken cancellationToken);

    Task RecordDeletionAsync(DeletionRecord deletion, CancellationToken cancellationToken);

    /// <summary>The server's deletions, newest first.</summary>
    Task<IReadOnlyList<DeletionRecord>> ListDeletionsAsync(string server, CancellationToken cancellationToken);
}
