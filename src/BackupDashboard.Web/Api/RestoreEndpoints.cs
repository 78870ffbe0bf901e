using System.Text.Json.Serialization;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Web.Api;

/// <summary>/api/backups/{id}/restore…: the same operations as bdash restore.</summary>
internal static class RestoreEndpoints
{
    public static void MapRestoreEndpoints(this RouteGroupBuilder api)
    {
        // A restore point by its id, or by server and id: the one name an id from before ids were
        // unique across the repository still has (docs/formats/manifest.md, "Backup ids").
        MapFor(api.MapGroup("/backups/{id}"), (route, id) => id);
        MapFor(api.MapGroup("/servers/{name}/backups/{id}"), (route, id) => $"{route.Values["name"]}/{id}");
    }

    private static void MapFor(RouteGroupBuilder point, Func<RouteData, string, string> reference)
    {
        point.MapPost("/restore-plan", async (HttpContext http, string id, RestoreRequestBody body, RestoreRunner restorer, CancellationToken ct) =>
            await Refusable(async () => Results.Ok(RestorePlanView.From(await restorer.PlanAsync(reference(http.GetRouteData(), id), body.ToOptions(), ct).ConfigureAwait(false)))).ConfigureAwait(false))
            .WithSummary("The ordered steps, with their exact command lines and why each has or lacks --apply-log-only.");

        point.MapPost("/runbook", async (HttpContext http, string id, RestoreRequestBody body, RestoreRunner restorer, CancellationToken ct) =>
            await Refusable(async () => Results.Text(RestoreRunbook.ToShellScript(await restorer.PlanAsync(reference(http.GetRouteData(), id), body.ToOptions(), ct).ConfigureAwait(false)), "text/x-shellscript")).ConfigureAwait(false))
            .WithSummary("The plan as a bash script to run by hand.");

        point.MapPost("/restore", async (HttpContext http, string id, RestoreRequestBody body, RestoreRunner restorer, CancellationToken ct) =>
            await Refusable(async () =>
            {
                var result = await restorer.RunAsync(await restorer.PlanAsync(reference(http.GetRouteData(), id), body.ToOptions(), ct).ConfigureAwait(false), null, ct).ConfigureAwait(false);
                return Results.Json(RestoreResultView.From(result), statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
            }).ConfigureAwait(false))
            .WithSummary("Carry out the restore (answers when it is done): 200 when the datadir holds the prepared restore point, 422 when a step failed, 400 when refused.");
    }

    private static async Task<IResult> Refusable(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
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
