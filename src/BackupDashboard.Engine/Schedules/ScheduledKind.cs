using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Schedules;

/// <summary>What a scheduled fire runs: an incremental needs a sound base; without one it runs as a full and says why.</summary>
public static class ScheduledKind
{
    public static (BackupKind Kind, string? Why) Decide(string server, BackupKind scheduled, IReadOnlyList<BackupRecord> backups)
    {
        if (scheduled == BackupKind.Full)
        {
            return (BackupKind.Full, null);
        }

        try
        {
            BaseSelector.Choose(server, new BackupOrder(BackupKind.Incremental, null, null, 1), backups);
            return (BackupKind.Incremental, null);
        }
        catch (BackupRefusedException e)
        {
            return (BackupKind.Full, $"Scheduled as an incremental, run as a full: {e.Message}");
        }
    }
}
