namespace BackupDashboard.Engine.Backups;

/// <summary>The catalog's view of backups: an index of the manifests on disk.</summary>
public interface IBackupCatalog
{
    Task<IReadOnlyList<BackupRecord>> ListAsync(string server, CancellationToken cancellationToken);

    /// <summary>
    /// Every backup with this id: one, since ids are unique across the repository, except for
    /// folders written before they were (see <see cref="BackupLookup"/>).
    /// </summary>
    Task<IReadOnlyList<BackupRecord>> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every run the catalog says is still running, of any server.</summary>
    Task<IReadOnlyList<BackupRecord>> ListRunningAsync(CancellationToken cancellationToken);

    /// <summary>Adds the record or replaces the one with the same server and id.</summary>
    Task SaveAsync(BackupRecord record, CancellationToken cancellationToken);

    /// <summary>Forgets these backups of the server (retention deleted them); ids it does not have are ignored.</summary>
    Task RemoveAsync(string server, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Forgets every backup and indexes these instead (catalog rebuild).</summary>
    Task ReplaceAllAsync(IReadOnlyList<BackupRecord> records, CancellationToken cancellationToken);
}
