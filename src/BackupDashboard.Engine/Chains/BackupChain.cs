using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Chains;

/// <summary>
/// A full backup and every incremental that descends from it, in the order they were taken.
/// Failed runs appear in place with their status (they are never anyone's parent, and they do
/// not break the chain). A chain is valid when its full succeeded and every link between good
/// backups holds; <see cref="Reasons"/> says what does not, in operator words.
/// <see cref="NotRestorePoints"/> says, for each backup that cannot be restored to, why not: a
/// chain with a tampered incremental is not valid, yet the backups before it still are restore points.
/// </summary>
public sealed record BackupChain(IReadOnlyList<BackupRecord> Backups, IReadOnlyList<string> Reasons, IReadOnlyDictionary<string, string> NotRestorePoints)
{
    public bool Valid => Reasons.Count == 0;

    /// <summary>The chain is one partial backup (only some tables): no whole-server restore point.</summary>
    public bool IsPartial => Backups.Count > 0 && Backups[0].Partial;

    public bool IsRestorePoint(BackupRecord backup) => !NotRestorePoints.ContainsKey(backup.Id);
}
