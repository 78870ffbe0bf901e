using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Tools;
using Hangfire;
using Hangfire.Storage;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Keeps Hangfire's recurring jobs in step with the schedules in the catalog, at start and then
/// every <see cref="JobsOptions.ScheduleSyncInterval"/>: a schedule set with bdash, or by another
/// dashboard, reaches this one without a restart, and a job store that was replaced or emptied
/// is filled again from the catalog (docs/schedules.md). Each server's jobs run on its own queue.
/// </summary>
internal sealed partial class ScheduleSync(
    IScheduleCatalog schedules,
    IRecurringJobManager recurring,
    JobStorage storage,
    ServerQueueWorkers workers,
    JobsOptions options,
    ILogger<ScheduleSync> logger) : PeriodicWork
{
    public const string FullPrefix = "backup-full:";
    public const string IncrementalPrefix = "backup-incremental:";
    public const string RehearsalPrefix = "rehearsal:";
    private readonly Dictionary<string, BackupSchedule> _applied = new(StringComparer.Ordinal);

    protected override TimeSpan Interval => options.ScheduleSyncInterval;

    protected override Task RoundAsync(CancellationToken cancellationToken) => SyncAsync(cancellationToken);

    protected override void RoundFailed(string reason) => SyncFailed(reason);

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var wanted = (await schedules.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Server, StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        var existing = connection.GetRecurringJobs().Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var schedule in wanted.Values)
        {
            var full = FullPrefix + schedule.Server;
            var incremental = IncrementalPrefix + schedule.Server;
            var rehearsal = RehearsalPrefix + schedule.Server;
            if (_applied.TryGetValue(schedule.Server, out var applied) && applied == schedule && existing.Contains(full)
                && (schedule.IncrementalCron is null || existing.Contains(incremental)) && (schedule.RehearsalCron is null || existing.Contains(rehearsal)))
            {
                continue;
            }

            var queue = ServerQueueName.For(schedule.Server);
            workers.EnsureServed(queue);
#pragma warning disable CS0618 // QueueName: the SQLite storage cannot hold a queue in the job itself, so the recurring job's own queue is what works on both storages.
            var jobOptions = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone), QueueName = queue };
#pragma warning restore CS0618
            var server = schedule.Server;
            recurring.AddOrUpdate<ScheduledBackupJob>(full, job => job.RunAsync(server, BackupKind.Full, null, CancellationToken.None), schedule.FullCron, jobOptions);
            if (schedule.IncrementalCron is { } cron)
            {
                recurring.AddOrUpdate<ScheduledBackupJob>(incremental, job => job.RunAsync(server, BackupKind.Incremental, null, CancellationToken.None), cron, jobOptions);
            }
            else
            {
                recurring.RemoveIfExists(incremental);
            }

            if (schedule.RehearsalCron is { } rehearsalCron)
            {
                recurring.AddOrUpdate<RehearsalJob>(rehearsal, job => job.RunAsync(server, null, CancellationToken.None), rehearsalCron, jobOptions);
            }
            else
            {
                recurring.RemoveIfExists(rehearsal);
            }

            _applied[schedule.Server] = schedule;
            Applied(schedule.Server, schedule.FullCron, schedule.IncrementalCron ?? "none", schedule.TimeZone);
        }

        foreach (var id in existing.Where(id => id.StartsWith(FullPrefix, StringComparison.Ordinal) || id.StartsWith(IncrementalPrefix, StringComparison.Ordinal)
            || id.StartsWith(RehearsalPrefix, StringComparison.Ordinal)))
        {
            var server = id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (!wanted.ContainsKey(server))
            {
                recurring.RemoveIfExists(id);
                _applied.Remove(server);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Server}: fulls '{Full}', incrementals '{Incremental}', time zone {Zone}")]
    private partial void Applied(string server, string full, string incremental, string zone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedules could not be brought in step with the catalog; trying again: {Reason}")]
    private partial void SyncFailed(string reason);
}
