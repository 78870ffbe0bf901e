using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Notifications;
using BackupDashboard.Engine.Overview;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Services;

/// <summary>One server on the overview, in the words and units the page shows.</summary>
public sealed record ServerGlanceView(
    string Server,
    bool HasBackups,
    string? NewestRestorePoint,
    string? NewestRestorePointAge,
    bool Overdue,
    string ScheduleVerdict,
    string? NewestFull,
    string? NewestIncremental,
    string? LastFailure,
    string Repository,
    string? Rehearsal,
    bool RehearsalFailed);

/// <summary>The live part of a server's card.</summary>
public sealed record LiveGlanceView(string? CurrentLsn, string? LsnLag, string? NextIncremental, string? Problem);

/// <summary>What the overview page asks (docs/overview.md).</summary>
public interface IServerStatusBoard
{
    Task<IReadOnlyList<ServerGlanceView>> GlancesAsync(CancellationToken cancellationToken);

    /// <param name="predict">Also count what an incremental now would copy (reads the datadir's pages).</param>
    Task<LiveGlanceView> LiveAsync(string server, bool predict, CancellationToken cancellationToken);

    /// <summary>Where the server's backup running in this dashboard is now; null when none runs.</summary>
    RunProgressView? RunningBackup(string server);
}

internal sealed class ServerStatusBoard(IServerRegistry servers, IBackupCatalog catalog, IScheduleCatalog schedules, IJobHistory history,
    NotificationOptions notifications, Jobs.BackupJobs jobs, TimeProvider clock) : IServerStatusBoard
{
    public RunProgressView? RunningBackup(string server) => RunProgressView.Of(jobs, server);

    /// <summary>How many of a server's newest runs are read for its last failure and rehearsal.</summary>
    private const int RecentRuns = 200;

    public async Task<IReadOnlyList<ServerGlanceView>> GlancesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var views = new List<ServerGlanceView>();
        foreach (var server in await servers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var backups = await catalog.ListAsync(server.Name, cancellationToken).ConfigureAwait(false);
            var schedule = await schedules.FindAsync(server.Name, cancellationToken).ConfigureAwait(false);
            var runs = await history.ListAsync(new JobQuery(Server: server.Name, Limit: RecentRuns), cancellationToken).ConfigureAwait(false);
            views.Add(View(ServerGlance.Of(server.Name, backups, schedule, runs, now, notifications.OverdueGrace), backups.Count > 0));
        }

        return views;
    }

    public async Task<LiveGlanceView> LiveAsync(string server, bool predict, CancellationToken cancellationToken)
    {
        if (await servers.FindAsync(server, cancellationToken).ConfigureAwait(false) is not { } registered)
        {
            return new LiveGlanceView(null, null, null, $"No server named '{server}' is registered.");
        }

        var backups = await catalog.ListAsync(server, cancellationToken).ConfigureAwait(false);
        var newestToLsn = backups.Where(b => b.IsGood).MaxBy(b => b.StartedAt)?.ToLsn;
        var live = await LiveLook.LookAsync(registered, await servers.GetPasswordAsync(server, cancellationToken).ConfigureAwait(false), newestToLsn, predict, cancellationToken)
            .ConfigureAwait(false);
        return new LiveGlanceView(
            live.CurrentLsn is { } lsn ? DisplayFormat.Lsn(lsn) : null,
            live.LsnLag is { } lag ? $"{DisplayFormat.Lsn(lag)} bytes of redo since the newest backup's to_lsn" : null,
            live.PagesToCopy is not { } pages ? null
                : live.MyRocksBytes is > 0 and { } rocks
                    ? $"{pages:N0} pages changed since to_lsn {DisplayFormat.Lsn(newestToLsn)}, plus {DisplayFormat.Size(rocks)} of MyRocks files copied whole: {DisplayFormat.Size(live.BytesToCopy ?? 0)} in all"
                    : $"{pages:N0} pages ({DisplayFormat.Size(live.BytesToCopy ?? 0)}) changed since to_lsn {DisplayFormat.Lsn(newestToLsn)}",
            live.Problem);
    }

    private static ServerGlanceView View(ServerGlance glance, bool hasBackups) => new(
        glance.Server,
        hasBackups,
        glance.NewestRestorePoint is { } point ? $"{point.Id} ({DisplayFormat.Time(point.StartedAt)})" : null,
        glance.Age is { } age ? $"{DisplayFormat.Duration(age)} old" : null,
        glance.Schedule.IsOverdue,
        Verdict(glance),
        glance.NewestFull is { } full ? $"{full.Id} ({DisplayFormat.Time(full.StartedAt)}, {DisplayFormat.Size(full.Bytes)})" : null,
        glance.NewestIncremental is { } inc ? $"{inc.Id} ({DisplayFormat.Time(inc.StartedAt)}, {DisplayFormat.Size(inc.Bytes)})" : null,
        glance.LastFailure is { } failed ? $"{JobWords.Of(failed.Kind)} at {DisplayFormat.Time(failed.QueuedAt)}: {DisplayFormat.FirstLine(failed.Reason)}" : null,
        $"{DisplayFormat.Size(glance.RepositoryBytes)}, +{DisplayFormat.Size(glance.GrowthBytes)} in the last 7 days",
        glance.LastRehearsal is { } rehearsal
            ? rehearsal.State == JobState.Succeeded
                ? $"passed at {DisplayFormat.Time(rehearsal.QueuedAt)}; restored in {rehearsal.TimeToRestoreSeconds:0} s"
                : $"{JobWords.Of(rehearsal.State)} at {DisplayFormat.Time(rehearsal.QueuedAt)}: {DisplayFormat.FirstLine(rehearsal.Reason)}"
            : null,
        glance.LastRehearsal is { State: not JobState.Succeeded });

    private static string Verdict(ServerGlance glance) => glance switch
    {
        { HasSchedule: false } => "No schedule: backups run only when started.",
        { Schedule: { IsOverdue: true, Expected: { } expected } } => $"Overdue: no restore point since the scheduled backup at {DisplayFormat.Time(expected)}.",
        _ => "On schedule.",
    };
}
