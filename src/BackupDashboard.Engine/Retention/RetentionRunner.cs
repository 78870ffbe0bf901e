using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Runs;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Engine.Retention;

/// <summary>
/// Carries out a server's retention policy (docs/retention.md). It holds the server's backup lock
/// (no backup starts a chain while chains are judged), takes each chain it deletes from every
/// restore (<see cref="ChainUseLock"/>), moves the chain's folders into the repository's trash
/// (one rename each, newest backup first), forgets them in the catalog, records the deletion, and
/// only then frees the space. A dry run judges the same way and deletes nothing.
/// </summary>
public sealed partial class RetentionRunner(IBackupCatalog catalog, IRetentionCatalog retention, IServerRegistry servers, BackupRepository repository, string locksDir, TimeProvider clock)
{
    /// <summary>The repository's trash: folders of chains being deleted. A catalog rebuild skips it.</summary>
    public const string TrashFolder = ".retention-trash";

    /// <summary>Between the server, the full's id and a random part of a trash folder's name: no server name or backup id holds it.</summary>
    public const char TrashSeparator = '+';

    public async Task<RetentionResult> RunAsync(string server, bool dryRun, string who, CancellationToken cancellationToken)
    {
        if (ServerName.Problem(server) is { } badName)
        {
            throw new RetentionRefusedException(badName, "server");
        }

        if (await servers.FindAsync(server, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RetentionRefusedException($"No server '{server}' is registered.", "server");
        }

        var policy = await retention.FindPolicyAsync(server, cancellationToken).ConfigureAwait(false)
            ?? throw new RetentionRefusedException($"'{server}' has no retention policy, so nothing is deleted: set one first (bdash retention set {server} --keep-chains N and/or --keep-days D).", "server");
        var (backupLock, holder) = dryRun ? (null, null) : ServerBackupLock.TryAcquire(locksDir, server);
        if (!dryRun && backupLock is null)
        {
            throw new RetentionRefusedException($"A backup of '{server}' is running ({holder}): retention waits until it has finished.", "server", busy: true);
        }

        using (backupLock)
        {
            var notes = dryRun ? [] : await FinishInterruptedAsync(server, who, cancellationToken).ConfigureAwait(false);
            var chains = ChainBuilder.Build(await catalog.ListAsync(server, cancellationToken).ConfigureAwait(false));
            var held = new Dictionary<string, ChainUseLock>(StringComparer.Ordinal);
            try
            {
                string? InUse(BackupChain chain)
                {
                    var hold = ChainUseLock.TryDelete(locksDir, server, chain.Backups[0].Id);
                    if (hold is null)
                    {
                        return "a running restore uses it";
                    }

                    // A dry run only probes: restores must not be refused for it.
                    if (dryRun)
                    {
                        hold.Dispose();
                    }
                    else
                    {
                        held[chain.Backups[0].Id] = hold;
                    }

                    return null;
                }

                var plan = RetentionPlanner.Plan(server, chains, policy, clock.GetUtcNow(), InUse);
                foreach (var kept in plan.Kept)
                {
                    // Restores of kept chains may start at once.
                    if (held.Remove(kept.FullId, out var hold))
                    {
                        hold.Dispose();
                    }
                }

                var outcomes = new List<ChainOutcome>();
                foreach (var verdict in plan.Deleted)
                {
                    var bytes = verdict.Chain.Backups.Sum(b => BackupRepository.SizeOf(b.Directory));
                    var problem = dryRun ? null : await DeleteAsync(verdict, bytes, who, cancellationToken).ConfigureAwait(false);
                    outcomes.Add(new ChainOutcome(verdict, bytes, problem));
                }

                return new RetentionResult(plan, dryRun, outcomes, notes);
            }
            finally
            {
                foreach (var hold in held.Values)
                {
                    hold.Dispose();
                }
            }
        }
    }

    /// <summary>Null when the chain is gone; otherwise why not, with every folder back where it was.</summary>
    private async Task<string?> DeleteAsync(ChainVerdict verdict, long bytes, string who, CancellationToken cancellationToken)
    {
        var server = verdict.Chain.Backups[0].Server;
        var trash = Path.Combine(repository.Root, TrashFolder, $"{server}{TrashSeparator}{verdict.FullId}{TrashSeparator}{Guid.NewGuid():N}");
        var moved = new List<(string From, string To)>();
        try
        {
            Directory.CreateDirectory(trash);
            // Newest first: an interruption leaves older backups whole, never an incremental without its full.
            foreach (var backup in verdict.Chain.Backups.OrderByDescending(b => b.StartedAt))
            {
                if (Directory.Exists(backup.Directory))
                {
                    var to = Path.Combine(trash, backup.Id);
                    Directory.Move(backup.Directory, to);
                    moved.Add((backup.Directory, to));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (from, to) in Enumerable.Reverse(moved))
            {
                Directory.Move(to, from);
            }

            FolderRemoval.TryDelete(trash);
            return $"not deleted, every backup of it left in place: {e.Message}";
        }

        var ids = verdict.Chain.Backups.Select(b => b.Id).ToList();
        await catalog.RemoveAsync(server, ids, cancellationToken).ConfigureAwait(false);
        await retention.RecordDeletionAsync(new DeletionRecord(server, verdict.FullId, ids, who, clock.GetUtcNow(), verdict.Why, bytes), cancellationToken).ConfigureAwait(false);
        return FolderRemoval.TryDelete(trash) is { } left ? $"deleted from the catalog; its files are in {trash} and the next retention run removes them ({left})" : null;
    }

    /// <summary>Chains a killed run had moved into the trash: forgotten, recorded and removed now.</summary>
    private async Task<List<string>> FinishInterruptedAsync(string server, string who, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var root = Path.Combine(repository.Root, TrashFolder);
        if (!Directory.Exists(root))
        {
            return notes;
        }

        foreach (var folder in Directory.EnumerateDirectories(root, $"{server}{TrashSeparator}*"))
        {
            var ids = Directory.EnumerateDirectories(folder).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
            var bytes = BackupRepository.SizeOf(folder);
            await catalog.RemoveAsync(server, ids, cancellationToken).ConfigureAwait(false);
            if (ids.Count > 0)
            {
                await retention.RecordDeletionAsync(new DeletionRecord(server, ids[0], ids, who, clock.GetUtcNow(),
                    "an interrupted retention run had moved it into the trash; this run finished the deletion", bytes), cancellationToken).ConfigureAwait(false);
            }

            notes.Add(FolderRemoval.TryDelete(folder) is { } left
                ? $"{folder}: left by an interrupted retention run, still not removed ({left})"
                : $"{folder}: left by an interrupted retention run ({string.Join(", ", ids)}), removed now");
        }

        return notes;
    }
}
