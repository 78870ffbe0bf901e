using BackupDashboard.Engine.Retention;

namespace BackupDashboard.Engine.Servers;

/// <summary>How removing a server went: whether it is gone, and what became of its backups.</summary>
/// <param name="Removed">False when it stays registered: no such server, or some of its backups could not be deleted.</param>
/// <param name="Backups">Null when its backups were kept.</param>
public sealed record ServerRemoved(string Server, bool Removed, ServerBackupsDeleted? Backups, string Words);

/// <summary>
/// Removing a server (bdash server remove, DELETE /api/servers/{name}, the Servers page): it is
/// forgotten with its schedule and its backups stay in the repository and the catalog, unless
/// asked to delete them too, when every chain goes the way retention deletes one and the server is
/// forgotten only once all of them are gone (docs/retention.md, "Removing a server with its backups").
/// </summary>
public sealed class ServerRemoval(IServerRegistry servers, RetentionRunner retention)
{
    /// <exception cref="RetentionRefusedException">A backup of the server runs, or a restore reads one of its chains: nothing was deleted.</exception>
    public async Task<ServerRemoved> RemoveAsync(string name, bool withBackups, string who, CancellationToken cancellationToken)
    {
        if (await servers.FindAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            return new ServerRemoved(name, false, null, $"No server named '{name}' is registered.");
        }

        if (!withBackups)
        {
            var removed = await servers.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
            return new ServerRemoved(name, removed, null, removed
                ? $"{name} is removed, with its schedule. Its backups stay in the repository and the catalog."
                : $"No server named '{name}' is registered.");
        }

        var gone = false;
        var deleted = await retention.DeleteEveryBackupAsync(name, who,
            async ct => gone = await servers.RemoveAsync(name, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var notes = deleted.Notes.Count == 0 ? "" : " " + string.Join(" ", deleted.Notes);
        if (!deleted.Succeeded)
        {
            var failed = deleted.Chains.Where(c => c.Problem is not null).Select(c => $"the chain of {c.Verdict.FullId}: {c.Problem}");
            return new ServerRemoved(name, false, deleted,
                $"{name} stays registered: {string.Join("; ", failed)}. {deleted.Backups} backups ({deleted.BytesFreed} bytes) were deleted; remove it again to retry.{notes}");
        }

        return new ServerRemoved(name, gone, deleted,
            $"{name} is removed, with its schedule and its {deleted.Backups} backups ({deleted.Chains.Count} chains, {deleted.BytesFreed} bytes freed), each deletion recorded in the retention history.{notes}");
    }
}
