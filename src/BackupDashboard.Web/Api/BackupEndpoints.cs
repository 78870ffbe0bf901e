using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Web.Api;

/// <summary>/api/…/backups and chains: the same operations as bdash backup, backups, chain, catalog rebuild.</summary>
internal static class BackupEndpoints
{
    public static void MapBackupEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers/{name}/backups", async (string name, IBackupCatalog catalog, CancellationToken ct) =>
            (await catalog.ListAsync(name, ct).ConfigureAwait(false)).Select(BackupView.From))
            .WithSummary("A server's backups, oldest first.");

        api.MapGet("/servers/{name}/chains", async (string name, IBackupCatalog catalog, CancellationToken ct) =>
            new ChainsView(name, ChainBuilder.Build(await catalog.ListAsync(name, ct).ConfigureAwait(false)).Select(ChainView.From).ToList()))
            .WithSummary("A server's chains: each full with its incrementals, and whether every link holds.");

        api.MapGet("/backups/{id}", async (string id, IBackupCatalog catalog, CancellationToken ct) =>
            await catalog.FindAsync(id, ct).ConfigureAwait(false) is { } record
                ? Results.Ok(BackupView.From(record))
                : Results.NotFound(new ApiError($"No backup '{id}'.")))
            .WithSummary("One backup.");

        api.MapGet("/servers/{name}/backups/progress", (string name, BackupJobs jobs) =>
            jobs.ProgressOf(name) is { } progress ? Results.Ok(progress) : Results.NoContent())
            .WithSummary("Progress of the server's running backup (204 when none runs).");

        api.MapPost("/servers/{name}/backups", async (string name, BackupRequestBody body, bool? wait, BackupJobs jobs) =>
            {
                if (body.Type is not ("full" or "incremental") || (body.Type == "full" && (body.BaseId ?? (object?)body.IncrementalLsn) is not null))
                {
                    return Results.BadRequest(new ApiError("type is full or incremental; base_id and incremental_lsn go with incremental."));
                }

                var order = new BackupOrder(body.Type == "full" ? BackupKind.Full : BackupKind.Incremental, body.BaseId, body.IncrementalLsn, body.Parallel ?? 1);
                var run = jobs.TryStart(name, order);
                if (run is null)
                {
                    return Results.Conflict(new ApiError($"A backup of '{name}' is already running."));
                }

                // Refusals come back at once; with ?wait=true the answer is the finished backup.
                await Task.WhenAny(run, wait == true ? run : Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                if (!run.IsCompleted)
                {
                    return Results.Accepted($"/api/servers/{name}/backups/progress", new { server = name, status = "running" });
                }

                try
                {
                    var record = await run.ConfigureAwait(false);
                    return Results.Json(BackupView.From(record), statusCode: record.IsGood ? StatusCodes.Status201Created : StatusCodes.Status422UnprocessableEntity);
                }
                catch (BackupRefusedException e)
                {
                    return Results.BadRequest(new ApiError(e.Message));
                }
            })
            .WithSummary("Start a backup; ?wait=true answers with the finished backup (201 good, 422 failed).");

        api.MapPost("/catalog/rebuild", async (BackupRepository repository, IBackupCatalog catalog, CancellationToken ct) =>
            {
                var (backups, problems) = repository.ReadAll();
                await catalog.ReplaceAllAsync(backups, ct).ConfigureAwait(false);
                return Results.Ok(new { indexed = backups.Count, problems });
            })
            .WithSummary("Recreate the backups catalog from the manifests on disk.");
    }
}
