using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Runs;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Engine.Retention;

/// <summary>What deleting every backup of a server did, chain by chain; notes say what was left and why.</summary>
public sealed record ServerBackupsDeleted(string Server, IReadOnlyList<ChainOutcome> Chains, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Chains.All(c => c.Problem is null);

    public int Backups => Chains.Where(c => c.Problem is null).Sum(c => c.Verdict.Chain.Backups.Count);

    public long BytesFreed => Chains.Where(c => c.Problem is null).Sum(c => c.Bytes);
}

public sealed partial class RetentionRunner
{
    /// <summary>
    /// Deletes every backup of a server that is being removed "with its backups" (docs/retention.md,
    /// "Removing a server with its backups"), the way retention deletes a chain: each chain
    /// through the trash, forgotten in the catalog and recorded as a deletion by <paramref name="who"/>.
    /// Refused before anything is deleted while a backup of the server runs or a restore reads
    /// any of its chains. Failed runs go with the chain they are shown in.
    /// </summary>
    /// <param name="thenWhileHeld">Run once every backup is gone, still holding the server's backup lock (no backup starts in between).</param>
    public async Task<ServerBackupsDeleted> DeleteEveryBackupAsync(string server, string who, Func<CancellationToken, Task>? thenWhileHeld, CancellationToken cancellationToken)
    {
        if (ServerName.Problem(server) is { } badName)
        {
            throw new RetentionRefusedException(badName, "server");
        }

        var (backupLock, holder) = ServerBackupLock.TryAcquire(locksDir, server);
        if (backupLock is null)
        {
            throw new RetentionRefusedException($"A backup of '{server}' is running ({holder}): nothing was deleted; wait until it has finished.", "server", busy: true);
        }

        using (backupLock)
        {
            var notes = await FinishInterruptedAsync(server, who, cancellationToken).ConfigureAwait(false);
            var chains = ChainBuilder.Build(await catalog.ListAsync(server, cancellationToken).ConfigureAwait(false));
            var held = new List<ChainUseLock>();
            try
            {
                // Every chain is taken from restores before the first is deleted: all or nothing is refused.
                foreach (var chain in chains)
                {
                    held.Add(ChainUseLock.TryDelete(locksDir, server, chain.Backups[0].Id)
                        ?? throw new RetentionRefusedException($"A running restore reads the chain of {chain.Backups[0].Id}: nothing was deleted; wait until it has finished.", "server", busy: true));
                }

                var outcomes = new List<ChainOutcome>();
                foreach (var chain in chains)
                {
                    var verdict = new ChainVerdict(chain, Delete: true, $"its server {server} was removed with its backups");
                    var bytes = chain.Backups.Sum(b => BackupRepository.SizeOf(b.Directory));
                    outcomes.Add(new ChainOutcome(verdict, bytes, await DeleteAsync(verdict, bytes, who, cancellationToken).ConfigureAwait(false)));
                }

                var deleted = new ServerBackupsDeleted(server, outcomes, [.. notes, .. RemoveServerFolder(server)]);
                if (deleted.Succeeded && thenWhileHeld is not null)
                {
                    await thenWhileHeld(cancellationToken).ConfigureAwait(false);
                }

                return deleted;
            }
            finally
            {
                foreach (var hold in held)
                {
                    hold.Dispose();
                }
            }
        }
    }

    /// <summary>The server's folder in the repository, once nothing is left in it; anything left stays, and is said.</summary>
    private IEnumerable<string> RemoveServerFolder(string server)
    {
        var folder = Path.Combine(repository.Root, server);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        if (Directory.EnumerateFileSystemEntries(folder).Any())
        {
            yield return $"{folder} still holds what the catalog does not know ({string.Join(", ", Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Take(5))}): left in place.";
            yield break;
        }

        if (FolderRemoval.TryDelete(folder) is { } left)
        {
            yield return $"{folder}: not removed ({left})";
        }
    }
}
