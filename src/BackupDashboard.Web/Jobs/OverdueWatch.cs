using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Notifications;
using BackupDashboard.Engine.Schedules;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Every <see cref="JobsOptions.OverdueCheckInterval"/>: a server whose newest good backup is
/// older than its schedule allows (<see cref="OverdueCheck"/>, docs/notifications.md) gets one
/// notice per missed fire, not one per look; a restart may repeat the last one once.
/// </summary>
internal sealed partial class OverdueWatch(
    IScheduleCatalog schedules,
    IBackupCatalog catalog,
    Notifier notifier,
    NotificationOptions notifications,
    JobsOptions options,
    TimeProvider clock,
    ILogger<OverdueWatch> logger) : PeriodicWork
{
    private readonly Dictionary<string, DateTimeOffset> _told = new(StringComparer.Ordinal);

    protected override TimeSpan Interval => options.OverdueCheckInterval;

    // A start is no moment to call a server overdue: its scheduled job may be about to run.
    protected override bool AtStart => false;

    protected override void RoundFailed(string reason) => LookFailed(reason);

    protected override async Task RoundAsync(CancellationToken cancellationToken)
    {
        if (notifier.Channels.Count == 0)
        {
            return;
        }

        foreach (var schedule in await schedules.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var backups = await catalog.ListAsync(schedule.Server, cancellationToken).ConfigureAwait(false);
            var newest = backups.Where(b => b.IsGood).Select(b => (DateTimeOffset?)b.StartedAt).Max();
            var now = clock.GetUtcNow();
            var verdict = OverdueCheck.Judge(schedule, newest, now, notifications.OverdueGrace);
            if (!verdict.IsOverdue || verdict.Expected is not { } expected
                || (_told.TryGetValue(schedule.Server, out var told) && told == expected))
            {
                continue;
            }

            _told[schedule.Server] = expected;
            Overdue(schedule.Server, expected);
            await notifier.NotifyAsync(Notice.BackupOverdue(schedule.Server, verdict, now), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Server} is overdue: no good backup since the fire at {Expected}")]
    private partial void Overdue(string server, DateTimeOffset expected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for overdue backups failed; trying again later: {Reason}")]
    private partial void LookFailed(string reason);
}
