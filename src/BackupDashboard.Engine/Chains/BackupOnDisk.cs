using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Engine.Chains;

/// <summary>
/// Whether a good backup's files still say what the catalog recorded when it was taken
/// (docs/restore-plans.md, "What is on disk"): its target directory exists, its checkpoints
/// file is there and readable, says the same backup type and LSNs, and it was not consumed. A
/// backup that fails any of these is not a restore point, whatever the catalog remembers.
/// </summary>
public static class BackupOnDisk
{
    /// <summary>Null when the files agree with the record, otherwise why they do not.</summary>
    public static string? Problem(BackupRecord backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (backup.Consumed is { } consumed)
        {
            return $"{backup.Id} was consumed: {consumed}";
        }

        if (!Directory.Exists(backup.TargetDir))
        {
            return $"{backup.Id}: its files are missing ({backup.TargetDir})";
        }

        if (CheckpointsFile.FindIn(backup.TargetDir) is not { } path)
        {
            return $"{backup.Id}: no checkpoints file in {backup.TargetDir} (the tool refuses to prepare without it)";
        }

        CheckpointsFile checkpoints;
        try
        {
            checkpoints = CheckpointsFile.Read(path);
        }
        catch (Exception e) when (e is InnoDbFormatException or IOException or UnauthorizedAccessException)
        {
            return $"{backup.Id}: its checkpoints file is unreadable ({e.Message})";
        }

        if (checkpoints.IsPrepared)
        {
            // Prepare writes each applied incremental into the full, so it now holds a later
            // moment, and which one its checkpoints cannot tell: to_lsn is the checkpoint LSN,
            // which an idle server does not move, and mariabackup 10.11 keeps last_lsn as it was.
            return $"{backup.Id} was already prepared in place (backup_type = {checkpoints.BackupType}), by an in-place restore or by hand: " +
                   "it no longer holds the moment it was taken, so no point of this chain can be restored from it";
        }

        var expectedType = backup.Kind == BackupKind.Full ? "full-backuped" : "incremental";
        if (checkpoints.BackupType != expectedType)
        {
            return $"{backup.Id}: its checkpoints file says backup_type = {checkpoints.BackupType}, not {expectedType}: the file was changed after the backup";
        }

        return checkpoints.FromLsn != (backup.FromLsn ?? 0) || checkpoints.ToLsn != backup.ToLsn
               || (checkpoints.LastLsn is { } last && backup.LastLsn is { } recorded && last != recorded)
            ? $"{backup.Id}: its checkpoints file says from_lsn {checkpoints.FromLsn}, to_lsn {checkpoints.ToLsn}, last_lsn {Text(checkpoints.LastLsn)}; " +
              $"the catalog recorded {Text(backup.FromLsn)}, {Text(backup.ToLsn)}, {Text(backup.LastLsn)}: the file was changed after the backup"
            : null;
    }

    private static string Text(ulong? lsn) => lsn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
