using BackupDashboard.Engine.Backups;

namespace BackupDashboard.TestSupport;

/// <summary>The backup catalog in a dictionary, for tests that need no SQLite.</summary>
public sealed class MemoryCatalog : IBackupCatalog
{
    private readonly Dictionary<(string Server, string Id), BackupRecord> _records = [];

    public MemoryCatalog(IEnumerable<BackupRecord>? records = null)
    {
        foreach (var record in records ?? [])
        {
            _records[(record.Server, record.Id)] = record;
        }
    }

    public Task<IReadOnlyList<BackupRecord>> ListAsync(string server, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BackupRecord>>(_records.Values.Where(r => r.Server == server).ToList());

    public Task<IReadOnlyList<BackupRecord>> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BackupRecord>>(_records.Values.Where(r => r.Id == id).ToList());

    public Task<IReadOnlyList<BackupRecord>> ListRunningAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BackupRecord>>(_records.Values.Where(r => r.Status == BackupStatus.Running).ToList());

    public Task SaveAsync(BackupRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[(record.Server, record.Id)] = record;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string server, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            _records.Remove((server, id));
        }

        return Task.CompletedTask;
    }

    public Task ReplaceAllAsync(IReadOnlyList<BackupRecord> records, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");
}
