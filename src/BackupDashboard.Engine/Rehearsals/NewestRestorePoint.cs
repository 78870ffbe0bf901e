using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;

namespace BackupDashboard.Engine.Rehearsals;

/// <summary>
/// The backup a rehearsal restores: the newest good (succeeded, not partial) backup that its
/// chain calls a restore point. Validity is the chain builder's (links, LSNs, files on disk,
/// consumed), never worked out again here, so a rehearsal restores exactly what an operator could.
/// </summary>
public static class NewestRestorePoint
{
    /// <summary>The restore point, or null and why there is none, in the operator's words.</summary>
    public static (BackupRecord? Point, string? WhyNone) Find(IReadOnlyList<BackupRecord> backups)
    {
        ArgumentNullException.ThrowIfNull(backups);
        if (backups.Count == 0)
        {
            return (null, "the server has no backups");
        }

        var chains = ChainBuilder.Build(backups);
        var point = chains.SelectMany(c => c.Backups.Where(b => b.IsGood && c.IsRestorePoint(b)))
            .OrderBy(b => b.StartedAt).ThenBy(b => b.Id, StringComparer.Ordinal).LastOrDefault();
        if (point is not null)
        {
            return (point, null);
        }

        // The newest backup's own reason is the one an operator acts on first.
        var newest = backups.OrderBy(b => b.StartedAt).ThenBy(b => b.Id, StringComparer.Ordinal).Last();
        var why = chains.Select(c => c.NotRestorePoints.GetValueOrDefault(newest.Id)).FirstOrDefault(w => w is not null)
            ?? $"{newest.Id} {(newest.Status == BackupStatus.Succeeded ? "is not one" : BackupStatusWords.NotGood(newest))}";
        return (null, string.Create(CultureInfo.InvariantCulture, $"none of its {backups.Count} backups is one (newest: {why})"));
    }
}
