using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Api;

/// <summary>/api/servers/{name}/schedule: the same as bdash schedule set, show and remove (docs/schedules.md).</summary>
internal static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers/{name}/schedule", async (string name, IServerRegistry servers, IScheduleCatalog schedules, TimeProvider clock, CancellationToken ct) =>
                await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false)
                ?? (await schedules.FindAsync(name, ct).ConfigureAwait(false) is { } schedule
                    ? Results.Ok(ScheduleView.From(schedule, clock.GetUtcNow()))
                    : ApiProblem.NotFound($"'{name}' has no backup schedule.")))
            .WithSummary("The server's backup schedule and its next fires.");

        api.MapPut("/servers/{name}/schedule", async (string name, ScheduleRequestBody body, IServerRegistry servers, IScheduleCatalog schedules, TimeProvider clock, CancellationToken ct) =>
            {
                var request = new ScheduleRequest(body.FullWeekly, body.IncrementalDaily, body.FullDaily, body.IncrementalEveryHours, body.FullCron, body.IncrementalCron, body.TimeZone, body.RehearsalCron);
                var (schedule, field, problem) = request.Resolve(name);
                if (schedule is null)
                {
                    return ApiProblem.BadRequest(problem!, field);
                }

                if (await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false) is { } unknown)
                {
                    return unknown;
                }

                await schedules.SaveAsync(schedule, ct).ConfigureAwait(false);
                return Results.Ok(ScheduleView.From(schedule, clock.GetUtcNow()));
            })
            .WithSummary("Set the server's backup schedule; the recurring jobs follow within seconds.")
            .RequireAuthorization(Account.AccessPolicies.Admin);

        api.MapDelete("/servers/{name}/schedule", async (string name, IServerRegistry servers, IScheduleCatalog schedules, CancellationToken ct) =>
                await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false)
                ?? (await schedules.RemoveAsync(name, ct).ConfigureAwait(false) ? Results.NoContent() : ApiProblem.NotFound($"'{name}' has no backup schedule.")))
            .WithSummary("Remove the server's backup schedule (its backups stay).")
            .RequireAuthorization(Account.AccessPolicies.Admin);
    }
}
