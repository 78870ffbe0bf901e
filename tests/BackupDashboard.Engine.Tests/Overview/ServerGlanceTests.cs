using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Overview;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Tests.Restores;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Engine.Tests.Overview;

public sealed class ServerGlanceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly BackupSchedule Daily = new("db", "0 2 * * *", "0 */6 * * *", "UTC");
    private readonly ChainOnDisk _disk = new();

    [Fact]
    public void The_newest_restore_point_full_incremental_failure_size_growth_and_rehearsal_come_from_the_catalog()
    {
        var full = Backup("f", BackupKind.Full, null, 0, 100, Now.AddDays(-10), bytes: 1000);
        var inc = Backup("i1", BackupKind.Incremental, "f", 100, 200, Now.AddHours(-3), bytes: 50);
        var failed = Backup("i2", BackupKind.Incremental, "i1", 200, 300, Now.AddHours(-1), bytes: 0) with { Status = BackupStatus.Failed, ToLsn = null };
        JobRun[] runs =
        [
            new(9, JobKind.Backup, "db", JobTrigger.Schedule, JobState.Failed, Now.AddHours(-1)) { Reason = "Access denied\nmore" },
            new(8, JobKind.Rehearsal, "db", JobTrigger.Schedule, JobState.Succeeded, Now.AddHours(-2)) { TimeToRestoreSeconds = 42 },
            new(2, JobKind.Backup, "db", JobTrigger.Schedule, JobState.Failed, Now.AddDays(-2)),
        ];

        var glance = ServerGlance.Of("db", [full, inc, failed], Daily, runs, Now, TimeSpan.FromMinutes(30));

        Assert.Equal("i1", glance.NewestRestorePoint?.Id);
        Assert.Equal(TimeSpan.FromHours(3), glance.Age);
        Assert.Equal("f", glance.NewestFull?.Id);
        Assert.Equal("i1", glance.NewestIncremental?.Id);
        Assert.Equal(9, glance.LastFailure?.Id);
        Assert.Equal(1050, glance.RepositoryBytes);
        Assert.Equal(50, glance.GrowthBytes);
        Assert.Equal(8, glance.LastRehearsal?.Id);
        // The 12:00 fire of "every 6 hours" is within the 30-minute grace; 06:00 is the one due, and i1 (09:00) covers it.
        Assert.False(glance.Schedule.IsOverdue);
    }

    [Fact]
    public void A_server_whose_newest_restore_point_is_older_than_the_due_fire_is_overdue_and_a_failure_older_than_a_day_is_not_shown()
    {
        var full = Backup("f", BackupKind.Full, null, 0, 100, Now.AddDays(-10), bytes: 1000);
        JobRun[] runs = [new(2, JobKind.Backup, "db", JobTrigger.Schedule, JobState.Failed, Now.AddDays(-2))];

        var glance = ServerGlance.Of("db", [full], Daily, runs, Now, TimeSpan.FromMinutes(30));

        Assert.True(glance.Schedule.IsOverdue);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), glance.Schedule.Expected);
        Assert.Null(glance.LastFailure);
        Assert.Null(glance.NewestIncremental);
        Assert.Equal(0, glance.GrowthBytes);
    }

    [Fact]
    public void A_backup_whose_files_no_longer_match_the_catalog_is_not_the_newest_restore_point()
    {
        var full = Backup("f", BackupKind.Full, null, 0, 100, Now.AddDays(-1), bytes: 1000);
        var inc = Backup("i1", BackupKind.Incremental, "f", 100, 200, Now.AddHours(-1), bytes: 50);
        // Someone edited the stored checkpoints: the chain view refuses it as a restore point.
        CheckpointsFile.Create("incremental", 100, 999, 999).Write(Path.Combine(inc.Directory!, BackupLayout.TargetFolder, "xtrabackup_checkpoints"));

        var glance = ServerGlance.Of("db", [full, inc], schedule: null, [], Now, TimeSpan.Zero);

        Assert.Equal("f", glance.NewestRestorePoint?.Id);
        Assert.False(glance.HasSchedule);
        Assert.False(glance.Schedule.IsOverdue);
    }

    public void Dispose() => _disk.Dispose();

    /// <summary>A backup on disk as the chain view reads it, taken at <paramref name="started"/>.</summary>
    private BackupRecord Backup(string id, BackupKind kind, string? parent, ulong from, ulong to, DateTimeOffset started, long bytes) =>
        _disk.Add(id, kind, parent, from, to) with { StartedAt = started, EndedAt = started.AddMinutes(1), Bytes = bytes };
}
