using System.Globalization;

namespace BackupDashboard.Web.Services;

/// <summary>
/// One row of a chain's timeline: a backup as a bar over its LSN range. Positions are percent of
/// the chain's whole range (the full's from_lsn to the highest to_lsn), so bars line up by LSN,
/// not by time. A failed run has no bar (it is never a link); a branch (one of two or more
/// incrementals on one parent) says so; a link whose from_lsn is not its parent's to_lsn carries
/// the gap or overlap in words.
/// </summary>
public sealed record ChainTimelineRow(
    BackupSummary Backup,
    int Depth,
    bool Branch,
    double? Left,
    double? Width,
    double? LastMark,
    string? LinkProblem);

public static class ChainTimelineRows
{
    /// <summary>Narrower bars would vanish: an incremental of a quiet server covers a few LSNs of millions.</summary>
    private const double MinWidth = 0.8;

    public static IReadOnlyList<ChainTimelineRow> Of(ChainSummary chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var byId = chain.Backups.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var children = chain.Backups.Where(b => b.ParentId is not null && byId.ContainsKey(b.ParentId))
            .GroupBy(b => b.ParentId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ranged = chain.Backups.Select(b => (From: Number(b.FromLsn), To: Number(b.ToLsn))).Where(r => r.From is not null && r.To is not null).ToList();
        var low = ranged.Count > 0 ? ranged.Min(r => r.From!.Value) : 0;
        var high = ranged.Count > 0 ? ranged.Max(r => r.To!.Value) : 0;
        var span = Math.Max(1.0, high - (double)low);

        var rows = new List<ChainTimelineRow>();
        void Walk(BackupSummary backup, int depth, bool branch)
        {
            rows.Add(Row(backup, depth, branch, byId, low, span));
            if (children.TryGetValue(backup.Id, out var next))
            {
                foreach (var child in next)
                {
                    Walk(child, depth + 1, next.Count(c => c.Status == "succeeded") > 1 && child.Status == "succeeded");
                }
            }
        }

        foreach (var root in chain.Backups.Where(b => b.ParentId is null || !byId.ContainsKey(b.ParentId)))
        {
            Walk(root, 0, branch: false);
        }

        return rows;
    }

    private static ChainTimelineRow Row(BackupSummary backup, int depth, bool branch, Dictionary<string, BackupSummary> byId, ulong low, double span)
    {
        var (from, to, last) = (Number(backup.FromLsn), Number(backup.ToLsn), Number(backup.LastLsn));
        if (backup.Status != "succeeded" || from is null || to is null)
        {
            return new ChainTimelineRow(backup, depth, branch, null, null, null, null);
        }

        var left = (from.Value - (double)low) / span * 100;
        var width = Math.Max(MinWidth, (to.Value - (double)from.Value) / span * 100);
        var mark = last is { } l && l >= low ? (l - (double)low) / span * 100 : (double?)null;
        string? problem = null;
        if (backup.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) && Number(parent.ToLsn) is { } parentTo && parentTo != from)
        {
            problem = from > parentTo
                ? $"gap: starts at from_lsn {from}, after {parentId} ends at to_lsn {parentTo}; pages changed in between are missing"
                : $"overlap: starts at from_lsn {from}, before {parentId} ends at to_lsn {parentTo}";
        }

        return new ChainTimelineRow(backup, depth, branch, left, Math.Min(width, 100 - left), mark is null ? null : Math.Min(mark.Value, 100), problem);
    }

    private static ulong? Number(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
