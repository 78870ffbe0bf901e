using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Notifications;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Overview;

/// <summary>
/// One server at a glance, from what the catalog knows (docs/overview.md): its newest restore
/// point and how old it is against the schedule, its newest full and incremental, its last
/// failure of the last 24 hours, what its backups take in the repository and how much that grew
/// in the last 7 days, and its last restore rehearsal. What only the live server can tell (its
/// current LSN, what an incremental would copy now) is <see cref="LiveGlance"/>.
/// </summary>
public sealed record ServerGlance(
    string Server,
    BackupRecord? NewestRestorePoint,
    TimeSpan? Age,
    OverdueVerdict Schedule,
    bool HasSchedule,
    BackupRecord? NewestFull,
    BackupRecord? NewestIncremental,
    JobRun? LastFailure,
    long RepositoryBytes,
    long GrowthBytes,
    JobRun? LastRehearsal)
{
    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan GrowthWindow = TimeSpan.FromDays(7);

    /// <param name="backups">The server's backups, any state.</param>
    /// <param name="recentRuns">The server's newest job-history runs, newest first.</param>
    public static ServerGlance Of(string server, IReadOnlyList<BackupRecord> backups, BackupSchedule? schedule, IReadOnlyList<JobRun> recentRuns,
        DateTimeOffset now, TimeSpan overdueGrace)
    {
        ArgumentNullException.ThrowIfNull(backups);
        ArgumentNullException.ThrowIfNull(recentRuns);
        var points = NewestRestorePoints(backups);
        var newest = points.FirstOrDefault();
        return new ServerGlance(
            server,
            newest,
            newest is null ? null : now - newest.StartedAt,
            OverdueCheck.Judge(schedule, newest?.StartedAt, now, overdueGrace),
            schedule is not null,
            points.FirstOrDefault(b => b.Kind == BackupKind.Full),
            points.FirstOrDefault(b => b.Kind == BackupKind.Incremental),
            recentRuns.Where(r => r.State == JobState.Failed && r.QueuedAt >= now - FailureWindow).MaxBy(r => r.QueuedAt),
            backups.Sum(b => b.Bytes),
            backups.Where(b => b.StartedAt >= now - GrowthWindow).Sum(b => b.Bytes),
            recentRuns.Where(r => r.Kind == JobKind.Rehearsal && r.Ended).MaxBy(r => r.QueuedAt));
    }

    /// <summary>
    /// Restore points (good backups their chain can restore: their files still say what the
    /// catalog recorded), newest first, from as few of the newest chains as hold a full and an
    /// incremental one: checking a chain reads each of its backups' files, and the overview must
    /// not read thousands of them for two lines.
    /// </summary>
    private static List<BackupRecord> NewestRestorePoints(IReadOnlyList<BackupRecord> backups)
    {
        for (var newest = 2; ; newest *= 2)
        {
            var (chains, total) = ChainBuilder.BuildNewest(backups, newest);
            var points = chains.SelectMany(chain => chain.Backups.Where(b => b.IsGood && chain.IsRestorePoint(b))).OrderByDescending(b => b.StartedAt).ToList();
            if (newest >= total || (points.Any(b => b.Kind == BackupKind.Full) && points.Any(b => b.Kind == BackupKind.Incremental)))
            {
                return points;
            }
        }
    }
}

/// <summary>
/// What the live server says, looked up on demand: its current LSN, how far it is ahead of the
/// newest backup's to_lsn (the redo an incremental now would have to cover), and, where its
/// datadir can be read from here, how many pages an incremental now would copy (the scanner's
/// count of pages newer than that to_lsn, plus the MyRocks files it copies whole). Null parts
/// could not be learned, with the reason. <see cref="BytesToCopy"/> includes <see cref="MyRocksBytes"/>.
/// </summary>
public sealed record LiveGlance(ulong? CurrentLsn, ulong? LsnLag, long? PagesToCopy, long? BytesToCopy, string? Problem, long? MyRocksBytes = null);
