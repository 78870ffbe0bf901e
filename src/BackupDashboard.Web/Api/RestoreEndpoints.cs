using System.Text.Json.Serialization;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Web.Jobs;

namespace BackupDashboard.Web.Api;

/// <summary>/api/backups/{id}/restore… and /api/restores/{id}: the same operations as bdash restore, the run in the background.</summary>
internal static class RestoreEndpoints
{
    public static void MapRestoreEndpoints(this RouteGroupBuilder api)
    {
        // A restore point by its id, or by server and id: the one name an id from before ids were
        // unique across the repository still has (docs/formats/manifest.md, "Backup ids").
        // Planning probes the target folder on this machine, so it is an admin's, as restoring is.
        MapFor(api.MapGroup("/backups/{id}").RequireAuthorization(Account.AccessPolicies.Admin), (route, id) => id);
        MapFor(api.MapGroup("/servers/{name}/backups/{id}").RequireAuthorization(Account.AccessPolicies.Admin), (route, id) => $"{route.Values["name"]}/{id}");
    }

    private static void MapFor(RouteGroupBuilder point, Func<RouteData, string, string> reference)
    {
        point.MapPost("/restore-plan", async (HttpContext http, string id, RestoreRequestBody body, RestoreRunner restorer, CancellationToken ct) =>
            await Refusable(async () => Results.Ok(RestorePlanView.From(await restorer.PlanAsync(reference(http.GetRouteData(), id), body.ToOptions(), ct).ConfigureAwait(false)))).ConfigureAwait(false))
            .WithSummary("The ordered steps, with their exact command lines and why each has or lacks --apply-log-only.");

        point.MapPost("/runbook", async (HttpContext http, string id, RestoreRequestBody body, RestoreRunner restorer, CancellationToken ct) =>
            await Refusable(async () => Results.Text(RestoreRunbook.ToShellScript(await restorer.PlanAsync(reference(http.GetRouteData(), id), body.ToOptions(), ct).ConfigureAwait(false)), "text/x-shellscript")).ConfigureAwait(false))
            .WithSummary("The plan as a bash script to run by hand.");

        point.MapPost("/restore", async (HttpContext http, string id, RestoreRequestBody body, bool? wait, RestoreRunner restorer, RestoreJobs jobs, CancellationToken ct) =>
            await Refusable(async () =>
            {
                // The request's token only covers planning: the run itself is the job's, and a
                // client or proxy that gives up does not stop it (only POST /api/restores/{id}/cancel does).
                var plan = await restorer.PlanAsync(reference(http.GetRouteData(), id), body.ToOptions(), ct).ConfigureAwait(false);
                var (run, done) = await jobs.StartAsync(plan, Engine.Jobs.JobTrigger.Api).ConfigureAwait(false);
                if (wait != true)
                {
                    return Results.Accepted($"/api/restores/{run.Id}", run);
                }

                var ended = await done.ConfigureAwait(false);
                return ended.Result is { } result
                    ? Results.Json(result, statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity)
                    : ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, ended.Problem ?? $"Restore run {ended.Id} {ended.State}.");
            }).ConfigureAwait(false))
            .WithSummary("Start the restore as a background run: 202 with the run and Location /api/restores/{id}; ?wait=true answers when it is done (200 when the datadir holds the prepared restore point, 422 when a step failed); 400 when refused, 409 when another restore into the datadir runs.");
    }

    /// <summary>/api/restores/{id}: a restore run's record, and its cancel.</summary>
    public static void MapRestoreRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/restores/{id}", (string id, RestoreRunStore store) =>
                store.Find(id) is { } run ? Results.Ok(run) : ApiProblem.NotFound($"No restore run '{id}'."))
            .WithSummary("A restore run: state (queued, running, succeeded, failed, cancelled), step N of M and its kind, the result when done, the problem when it failed.");

        api.MapPost("/restores/{id}/cancel", (string id, RestoreJobs jobs, RestoreRunStore store) =>
            {
                if (jobs.Cancel(id))
                {
                    return Results.Accepted($"/api/restores/{id}", store.Find(id));
                }

                return store.Find(id) is { } run
                    ? ApiProblem.Conflict($"Restore run {id} is not queued or running here (it is {run.State.ToString().ToLowerInvariant()}).")
                    : ApiProblem.NotFound($"No restore run '{id}'.");
            })
            .WithSummary("Stop a restore run: the tool is stopped and the run ends as cancelled (202; 409 when it already ended).")
            .RequireAuthorization(Account.AccessPolicies.Admin);
    }

    private static async Task<IResult> Refusable(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (RestoreRefusedException e) when (e.TargetInUse)
        {
            return ApiProblem.Of(StatusCodes.Status409Conflict, e.Message, e.Field);
        }
        catch (RestoreRefusedException e)
        {
            return ApiProblem.BadRequest(e.Message, e.Field);
        }
    }
}

/// <summary>POST body of the restore endpoints.</summary>
public sealed record RestoreRequestBody(
    [property: JsonPropertyName("datadir")] string DataDir,
    [property: JsonPropertyName("move_back")] bool MoveBack,
    [property: JsonPropertyName("in_place")] bool InPlace,
    [property: JsonPropertyName("verify")] bool Verify,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("scratch")] string? Scratch)
{
    public RestoreOptions ToOptions() => new(DataDir, MoveBack, InPlace, Verify, Owner ?? "mysql:mysql", Scratch);
}
