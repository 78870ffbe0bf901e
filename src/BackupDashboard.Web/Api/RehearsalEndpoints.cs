using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Web.Jobs;
using Hangfire;

namespace BackupDashboard.Web.Api;

/// <summary>/api/servers/{name}/rehearsal: the server's last restore rehearsal, and one now (docs/rehearsals.md).</summary>
internal static class RehearsalEndpoints
{
    public static void MapRehearsalEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers/{name}/rehearsal", async (string name, IServerRegistry servers, IJobHistory history, CancellationToken ct) =>
                await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false)
                ?? ((await history.ListAsync(new JobQuery(name, JobKind.Rehearsal, Limit: 1), ct).ConfigureAwait(false)) is [var last]
                    ? Results.Ok(last)
                    : ApiProblem.NotFound($"'{name}' has not been rehearsed yet: set a rehearsal_cron in its schedule, or POST /api/servers/{name}/rehearsal.")))
            .WithSummary("The server's last restore rehearsal: state, reason, time_to_restore_seconds, the restore point (subject).");

        api.MapPost("/servers/{name}/rehearsal", async (string name, IServerRegistry servers, IJobHistory history, IBackgroundJobClient client, ServerQueueWorkers workers, CancellationToken ct) =>
            {
                if (await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false) is { } unknown)
                {
                    return unknown;
                }

                var run = await history.QueueAsync(JobKind.Rehearsal, name, JobTrigger.Api, null, ct).ConfigureAwait(false);
                var queue = ServerQueueName.For(name);
                workers.EnsureServed(queue);
                client.Enqueue<RehearsalJob>(queue, job => job.RunAsync(name, run.Id, CancellationToken.None));
                return Results.Accepted($"/api/jobs/{run.Id}", run);
            })
            .WithSummary("Rehearse a restore of the newest restore point now, on the server's queue (202 with the job-history run).")
            .RequireAuthorization(Account.AccessPolicies.Operator);
    }
}
