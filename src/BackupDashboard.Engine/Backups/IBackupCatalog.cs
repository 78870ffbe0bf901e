namespace BackupDashboard.Engine.Backups;

/// <summary>The catalog's view of backups: an index of the manifests on disk.</summary>
public interface IBackupCatalog
{
    Task<IReadOnlyList<BackupRecord>> ListAsync(string server, CancellationToken cancellationToken);

    /// <summary>
    /// The server's newest succeeded (and ended) backups, at most <paramref name="newest"/>,
    /// oldest of them first, and how many succeeded in all: what a chart of sizes and durations
    /// draws, without reading every backup of a server that has thousands.
    /// </summary>
    async Task<(IReadOnlyList<BackupRecord> Backups, int Succeeded)> NewestSucceededAsync(string server, int newest, CancellationToken cancellationToken)
    {
        var good = (await ListAsync(server, cancellationToken).ConfigureAwait(false)).Where(b => b.Status == BackupStatus.Succeeded && b.EndedAt is not null).ToList();
        return (good.Skip(Math.Max(0, good.Count - newest)).ToList(), good.Count);
    }

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
