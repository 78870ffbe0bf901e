using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Chooses the backup an incremental builds on, and refuses (before anything is written) when
/// no sound base exists: never a failed or partial backup, never one whose files are gone.
/// </summary>
public static class BaseSelector
{
    /// <summary>The parent and the from_lsn the new incremental must start at; (null, null) for a full.</summary>
    public static (BackupRecord? Parent, ulong? FromLsn) Choose(string server, BackupOrder order, IReadOnlyList<BackupRecord> serverBackups)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(serverBackups);
        if (order.Kind == BackupKind.Full)
        {
            return (null, null);
        }

        if (order.IncrementalLsn is { } lsn)
        {
            // Cumulative from an LSN: linked to the backup that ends there, if there is one.
            var endsThere = serverBackups.Where(b => b.IsGood && b.ToLsn == lsn).MaxBy(b => b.StartedAt);
            return (endsThere, lsn);
        }

        var parent = order.BaseId is { } id
            ? serverBackups.FirstOrDefault(b => b.Id == id) ?? throw new BackupRefusedException($"Server '{server}' has no backup '{id}'.")
            : serverBackups.Where(b => b.IsGood).MaxBy(b => b.StartedAt)
              ?? throw new BackupRefusedException($"Server '{server}' has no good backup to base an incremental on: take a full backup first.");
        if (parent.Partial)
        {
            throw new BackupRefusedException(NotABase(parent));
        }

        if (parent.Status != BackupStatus.Succeeded)
        {
            throw new BackupRefusedException($"Backup {parent.Id} {BackupStatusWords.NotGood(parent)}; it cannot be a base.");
        }

        if (Chains.BackupOnDisk.Problem(parent) is { } onDisk)
        {
            // The tool reads the base's checkpoints: a consumed or edited base gives a wrong incremental.
            throw new BackupRefusedException($"Backup {parent.Id} cannot be a base: {onDisk}. Take a full backup.");
        }

        if (parent.ToLsn is null || CheckpointsFile.FindIn(parent.TargetDir) is null)
        {
            throw new BackupRefusedException($"Backup {parent.Id} has no checkpoints file in {parent.TargetDir}; it cannot be a base.");
        }

        return (parent, parent.ToLsn);
    }

    /// <summary>Why a partial backup is never a base, in the tools' own warning (MariaDB and Percona partial-backup docs).</summary>
    public static string NotABase(BackupRecord partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var holds = partial.Filter is { } filter ? $" ({filter.Describe()})" : "";
        return $"Backup {partial.Id} is a partial backup{holds}: it holds only some tables, and the tools warn that an incremental taken after a partial backup may be inconsistent. " +
            "An incremental is never based on one; base it on a full backup of the whole server (take one with --full).";
    }
}
