using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Servers;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// The recurring job "retention" (JobsOptions.RetentionCron, registered by <see cref="RetentionSchedule"/>):
/// every server's policy carried out, recorded as "schedule". A server whose backup is running is
/// left for the next fire. No automatic retry: a chain that could not be deleted stays whole and
/// the job ends failed, naming it, for the operator to see.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed partial class RetentionJob(IServerRegistry servers, IRetentionCatalog retention, RetentionRunner runner, JobRecorder jobs, ILogger<RetentionJob> logger)
{
    public const string Id = "retention";

    [JobDisplayName("Retention of every server with a policy")]
    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var server in await servers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await retention.FindPolicyAsync(server.Name, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            try
            {
                var result = await jobs.RunRetentionAsync(runner, retention, server.Name, dryRun: false, "schedule", JobTrigger.Schedule, cancellationToken).ConfigureAwait(false);
                var deleted = result.Deleted.Count(d => d.Problem is null);
                Ran(server.Name, deleted, result.BytesFreed);
                failures.AddRange(result.Deleted.Where(d => d.Problem is not null).Select(d => $"{server.Name}: chain {d.Verdict.FullId} {d.Problem}"));
            }
            catch (RetentionRefusedException e) when (e.Busy)
            {
                Postponed(server.Name, e.Message);
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Retention could not delete: {string.Join("; ", failures)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of {Server}: {Deleted} chain(s) deleted, {Bytes} bytes freed")]
    private partial void Ran(string server, int deleted, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of {Server} left for the next run: {Reason}")]
    private partial void Postponed(string server, string reason);
}

/// <summary>Registers (or updates) the recurring retention job at start, on the shared queue.</summary>
internal sealed class RetentionSchedule(IRecurringJobManager recurring, JobsOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<RetentionJob>(RetentionJob.Id, ServerQueueName.Default, job => job.RunAllAsync(CancellationToken.None), options.RetentionCron);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{JobsOptions.SectionName}:RetentionCron '{options.RetentionCron}' is not a cron expression (5 fields: minute hour day month weekday, UTC).", e);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
