using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Chains;

/// <summary>
/// Groups one server's backups into chains and checks every link: an incremental's from_lsn
/// must equal its parent's to_lsn (less is an overlap, more a gap: pages changed in between
/// would be missing), its parent must exist and have succeeded, no base may be a partial
/// backup (a partial backup roots a chain of its own that holds no whole-server restore
/// point), and each backup's files must still say what was recorded (<see cref="BackupOnDisk"/>:
/// the chain view reads the disk, not only the catalog). A failed or unfinished
/// run stays in place for the operator to see but is never a link: it does not make the good
/// backups around it unrestorable, so it does not make the chain invalid. Only a chain whose
/// full itself failed (or has not finished) has no restore point.
/// </summary>
public static class ChainBuilder
{
    public static IReadOnlyList<BackupChain> Build(IEnumerable<BackupRecord> backups) => BuildNewest(backups, int.MaxValue).Chains;

    /// <summary>
    /// The newest <paramref name="newest"/> chains (oldest of them first), each checked as
    /// <see cref="Build"/> does, and how many chains there are in all. Checking a chain reads each
    /// backup's checkpoints file, so a page that draws the newest chains of a server with
    /// thousands of backups reads only theirs.
    /// </summary>
    public static (IReadOnlyList<BackupChain> Chains, int Total) BuildNewest(IEnumerable<BackupRecord> backups, int newest)
    {
        ArgumentNullException.ThrowIfNull(backups);
        ArgumentOutOfRangeException.ThrowIfNegative(newest);
        var ordered = backups.OrderBy(b => b.StartedAt).ThenBy(b => b.Id, StringComparer.Ordinal).ToList();
        var byId = ordered.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var roots = new List<BackupRecord>();
        var children = new Dictionary<string, List<BackupRecord>>(StringComparer.Ordinal);
        foreach (var backup in ordered)
        {
            if (backup.Kind == BackupKind.Full || backup.ParentId is null || !byId.ContainsKey(backup.ParentId))
            {
                roots.Add(backup);
            }
            else
            {
                (children.TryGetValue(backup.ParentId, out var list) ? list : children[backup.ParentId] = []).Add(backup);
            }
        }

        // Roots are in the order their chains started: the newest chains are the last ones.
        var chains = roots.Skip(Math.Max(0, roots.Count - newest)).Select(root => Check(Descendants(root, children), byId)).ToList();
        return (chains, roots.Count);
    }

    /// <summary>The one chain holding the backup <paramref name="id"/>, checked as <see cref="Build"/> does; only its backups' files are read.</summary>
    public static BackupChain? ChainOf(IEnumerable<BackupRecord> backups, string id)
    {
        ArgumentNullException.ThrowIfNull(backups);
        var byId = backups.ToDictionary(b => b.Id, StringComparer.Ordinal);
        if (!byId.TryGetValue(id, out var root))
        {
            return null;
        }

        // Up to the chain's root by the same rule Build groups by: a full, or a backup whose parent is unknown.
        while (root.Kind != BackupKind.Full && root.ParentId is { } parent && byId.TryGetValue(parent, out var above))
        {
            root = above;
        }

        return BuildNewest(byId.Values.Where(b => InChainOf(b, root, byId)), int.MaxValue).Chains.Single();
    }

    private static bool InChainOf(BackupRecord backup, BackupRecord root, Dictionary<string, BackupRecord> byId)
    {
        var at = backup;
        while (at != root && at.Kind != BackupKind.Full && at.ParentId is { } parent && byId.TryGetValue(parent, out var above))
        {
            at = above;
        }

        return at == root;
    }

    private static List<BackupRecord> Descendants(BackupRecord root, Dictionary<string, List<BackupRecord>> children)
    {
        var chain = new List<BackupRecord> { root };
        for (var i = 0; i < chain.Count; i++)
        {
            if (children.TryGetValue(chain[i].Id, out var next))
            {
                chain.AddRange(next);
            }
        }

        return chain.OrderBy(b => b.StartedAt).ThenBy(b => b.Id, StringComparer.Ordinal).ToList();
    }

    private static BackupChain Check(List<BackupRecord> chain, Dictionary<string, BackupRecord> byId)
    {
        var reasons = new List<string>();
        var root = chain[0];
        if (root.Kind != BackupKind.Full)
        {
            reasons.Add(root.ParentId is null
                ? $"{root.Id} is an incremental without a known base (from_lsn {root.FromLsn})"
                : $"{root.Id}: its base {root.ParentId} is missing from the catalog");
        }

        else if (root.Status != BackupStatus.Succeeded)
        {
            reasons.Add($"{root.Id} {BackupStatusWords.NotGood(root)}: this chain has no restore point");
        }

        // Why each backup that is not a restore point is not one; parents come before children.
        var unusable = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Kind != BackupKind.Full)
        {
            unusable[root.Id] = reasons[0];
        }

        foreach (var backup in chain)
        {
            var own = backup.Status == BackupStatus.Succeeded ? LinkProblems(backup, byId).ToList() : [];
            reasons.AddRange(own);
            if (unusable.ContainsKey(backup.Id))
            {
                continue;
            }

            var why = backup.Status != BackupStatus.Succeeded ? $"{backup.Id} {BackupStatusWords.NotGood(backup)}"
                : own.Count > 0 ? own[0]
                : backup.Partial ? NotWholeServer(backup)
                : backup.ParentId is { } parent && unusable.ContainsKey(parent) ? $"{backup.Id} is based on {parent}, which is not a restore point"
                : null;
            if (why is not null)
            {
                unusable[backup.Id] = why;
            }
        }

        return new BackupChain(chain, reasons, unusable);
    }

    /// <summary>Why a partial backup is no restore point of the whole server, and what it is good for instead.</summary>
    public static string NotWholeServer(BackupRecord partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var holds = partial.Filter is { } filter ? $": {filter.Describe()}" : "";
        return $"{partial.Id} is a partial backup (only some tables{holds}), never a restore point of the whole server; its tables are imported one by one into a running server (bdash restore {partial.Id} --plan)";
    }

    private static IEnumerable<string> LinkProblems(BackupRecord backup, Dictionary<string, BackupRecord> byId)
    {
        if (BackupOnDisk.Problem(backup) is { } onDisk)
        {
            yield return onDisk;
        }

        if (backup.ParentId is null || !byId.TryGetValue(backup.ParentId, out var parent))
        {
            yield break;
        }

        if (parent.Status != BackupStatus.Succeeded)
        {
            yield return $"{backup.Id} is based on {parent.Id}, which {BackupStatusWords.NotGood(parent)}";
        }

        if (parent.Partial)
        {
            yield return $"{backup.Id} is based on {parent.Id}, a partial backup: never base an incremental on one";
        }

        if (backup.FromLsn != parent.ToLsn)
        {
            yield return backup.FromLsn < parent.ToLsn
                ? $"overlap: {backup.Id} starts at from_lsn {backup.FromLsn}, before {parent.Id} ends (to_lsn {parent.ToLsn})"
                : $"gap: {backup.Id} starts at from_lsn {backup.FromLsn}, after {parent.Id} ends (to_lsn {parent.ToLsn})";
        }
    }
}
