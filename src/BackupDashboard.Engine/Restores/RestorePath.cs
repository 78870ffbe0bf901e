using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The backups a restore point needs: its full and the incrementals in between, found by
/// walking parent links back from the restore point, so later backups and sibling branches are
/// never part of it. Checked with the chain rules (<see cref="ChainBuilder"/>: failed or
/// missing links, LSN gaps and overlaps, partial bases, files that no longer say what was
/// recorded, consumed backups) and the restore's own: recorded LSNs and tool versions, one tool family.
/// </summary>
internal static class RestorePath
{
    public static List<BackupRecord> Find(BackupRecord restorePoint, IReadOnlyList<BackupRecord> serverBackups)
    {
        var byId = new Dictionary<string, BackupRecord>(StringComparer.Ordinal);
        foreach (var backup in serverBackups)
        {
            byId[backup.Id] = backup;
        }

        byId[restorePoint.Id] = restorePoint;
        var path = new List<BackupRecord> { restorePoint };
        var seen = new HashSet<string>(StringComparer.Ordinal) { restorePoint.Id };
        while (path[^1] is { Kind: BackupKind.Incremental, ParentId: { } parentId }
               && byId.TryGetValue(parentId, out var parent) && seen.Add(parentId))
        {
            path.Add(parent);
        }

        path.Reverse();
        return path;
    }

    public static List<string> Problems(IReadOnlyList<BackupRecord> path)
    {
        // Built from the path alone, the chain's reasons are about the path's links only.
        var problems = ChainBuilder.Build(path).SelectMany(chain => chain.Reasons).ToList();
        foreach (var backup in path)
        {
            // In a chain view a failed run is only shown; on a restore path every backup is a link.
            // (A full that did not succeed is already a chain reason.)
            if (backup.Status != BackupStatus.Succeeded && !ReferenceEquals(backup, path[0]))
            {
                problems.Add($"{backup.Id} {BackupStatusWords.NotGood(backup)}");
            }

            if (backup.ToLsn is null || (backup.Kind == BackupKind.Incremental && backup.FromLsn is null))
            {
                problems.Add($"{backup.Id} has no LSN range recorded (from_lsn {backup.FromLsn}, to_lsn {backup.ToLsn})");
            }

            if (FamilyOf(backup) is null)
            {
                problems.Add($"{backup.Id} was taken with '{backup.ToolName}', which the product cannot prepare");
            }
            else if (InstalledTool.ToVersion(backup.ToolVersion) is null)
            {
                problems.Add($"{backup.Id} has no tool version recorded: whether prepare needs --apply-log-only depends on it");
            }
        }

        if (path.Select(b => b.ToolName).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            problems.Add($"the chain mixes tool families ({string.Join(", ", path.Select(b => $"{b.Id}: {b.ToolName} {b.ToolVersion}"))}): one tool prepares the whole chain");
        }
        else if (path.Select(NeedsApplyLogOnly).OfType<bool>().Distinct().Count() > 1)
        {
            problems.Add($"the chain mixes mariabackup versions before and after 10.2 ({string.Join(", ", path.Select(b => $"{b.Id}: {b.ToolVersion}"))}), which prepare differently");
        }

        return problems;
    }

    public static BackupToolKind? FamilyOf(BackupRecord backup) => backup.ToolName switch
    {
        "mariabackup" => BackupToolKind.MariaBackup,
        "xtrabackup" => BackupToolKind.XtraBackup,
        _ => null,
    };

    public static ToolCapabilities? CapabilitiesOf(BackupRecord backup) =>
        FamilyOf(backup) is { } family && InstalledTool.ToVersion(backup.ToolVersion) is { } version
            ? BackupTools.For(family).CapabilitiesFor(version)
            : null;

    /// <summary>"f (full, lsn 0 -> 100) -> i1 (incremental, lsn 100 -> 200)".</summary>
    public static string Describe(IEnumerable<BackupRecord> path) =>
        string.Join(" -> ", path.Select(b => $"{b.Id} ({(b.Kind == BackupKind.Full ? "full" : "incremental")}, lsn {b.FromLsn} -> {b.ToLsn})"));

    private static bool? NeedsApplyLogOnly(BackupRecord backup) => CapabilitiesOf(backup)?.ApplyLogOnlyNeeded;
}
