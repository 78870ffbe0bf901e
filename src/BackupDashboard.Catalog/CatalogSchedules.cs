using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Schedules;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>Backup schedules in the catalog (reads in plain SQL, <see cref="CatalogReads"/>).</summary>
public sealed class CatalogSchedules(IDbContextFactory<CatalogDbContext> contexts, CatalogReads reads, TimeProvider clock) : IScheduleCatalog
{
    public async Task<BackupSchedule?> FindAsync(string server, CancellationToken cancellationToken) =>
        (await reads.SchedulesAsync(server, cancellationToken).ConfigureAwait(false)).Select(ToSchedule).FirstOrDefault();

    public async Task<IReadOnlyList<BackupSchedule>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await reads.SchedulesAsync(null, cancellationToken).ConfigureAwait(false)).Select(ToSchedule)];

    public async Task SaveAsync(BackupSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Server == schedule.Server, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            db.Schedules.Add(row = new ScheduleRow { Server = schedule.Server, FullCron = schedule.FullCron, TimeZone = schedule.TimeZone });
        }

        row.FullCron = schedule.FullCron;
        row.IncrementalCron = schedule.IncrementalCron;
        row.TimeZone = schedule.TimeZone;
        row.RehearsalCron = schedule.RehearsalCron;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(string server, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Server == server, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        db.Schedules.Remove(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static BackupSchedule ToSchedule(ScheduleRow r) => new(r.Server, r.FullCron, r.IncrementalCron, r.TimeZone) { RehearsalCron = r.RehearsalCron };
}
