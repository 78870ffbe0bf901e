namespace BackupDashboard.Engine.Schedules;

/// <summary>Where backup schedules are kept (the catalog, so a rebuild or another job store loses none).</summary>
public interface IScheduleCatalog
{
    Task<BackupSchedule?> FindAsync(string server, CancellationToken cancellationToken);

    Task<IReadOnlyList<BackupSchedule>> ListAsync(CancellationToken cancellationToken);

    Task SaveAsync(BackupSchedule schedule, CancellationToken cancellationToken);

    /// <summary>True when there was one to remove.</summary>
    Task<bool> RemoveAsync(string server, CancellationToken cancellationToken);
}
