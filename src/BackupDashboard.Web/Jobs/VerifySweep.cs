using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Servers;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Every new backup is verified in the background, whoever took it (a schedule, the dashboard,
/// bdash from cron, a dashboard that was down at the time): every
/// <see cref="JobsOptions.VerifySweepInterval"/> the catalog is searched for succeeded backups
/// without a verify, and each gets a <see cref="VerifyJob"/> on its server's queue.
/// </summary>
internal sealed partial class VerifySweep(
    IServerRegistry servers,
    IBackupCatalog catalog,
    IBackgroundJobClient client,
    ServerQueueWorkers workers,
    JobsOptions options,
    ILogger<VerifySweep> logger) : PeriodicWork
{
    // Queued here and not yet verified: not queued twice. A restart forgets them, and a second
    // job for one backup finds it verified and does nothing.
    private readonly HashSet<(string Server, string Id)> _queued = [];

    protected override TimeSpan Interval => options.VerifySweepInterval;

    protected override void RoundFailed(string reason) => SweepFailed(reason);

    protected override async Task RoundAsync(CancellationToken cancellationToken)
    {
        foreach (var server in await servers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var backups = await catalog.ListAsync(server.Name, cancellationToken).ConfigureAwait(false);
            _queued.RemoveWhere(q => string.Equals(q.Server, server.Name, StringComparison.Ordinal) && !backups.Any(b => b.Id == q.Id && BackupVerifyRunner.Needs(b)));
            foreach (var backup in backups.Where(BackupVerifyRunner.Needs))
            {
                if (!_queued.Add((server.Name, backup.Id)))
                {
                    continue;
                }

                var queue = ServerQueueName.For(server.Name);
                workers.EnsureServed(queue);
                var name = server.Name;
                var id = backup.Id;
                client.Enqueue<VerifyJob>(queue, job => job.RunAsync(name, id, CancellationToken.None));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for backups to verify failed; trying again later: {Reason}")]
    private partial void SweepFailed(string reason);
}
