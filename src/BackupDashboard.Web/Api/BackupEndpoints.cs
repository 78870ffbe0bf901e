using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Jobs;

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
                await OneAsync(id, catalog, ct).ConfigureAwait(false))
            .WithSummary("One backup, by its id (400 naming the servers when a repository from before unique ids holds it twice).");

        api.MapGet("/servers/{name}/backups/{id}", async (string name, string id, IBackupCatalog catalog, CancellationToken ct) =>
                await OneAsync($"{name}/{id}", catalog, ct).ConfigureAwait(false))
            .WithSummary("One backup of one server.");

        api.MapGet("/servers/{name}/backups/progress", (string name, BackupJobs jobs) =>
            jobs.ProgressOf(name) is { } progress ? Results.Ok(progress) : Results.NoContent())
            .WithSummary("Progress of the server's running backup (204 when none runs).");

        api.MapPost("/servers/{name}/backups", async (string name, BackupRequestBody body, bool? wait, BackupJobs jobs, Engine.Jobs.IJobHistory history) =>
            {
                if (body.Type is not ("full" or "incremental") || (body.Type == "full" && (body.BaseId ?? (object?)body.IncrementalLsn) is not null))
                {
                    return ApiProblem.BadRequest("type is full or incremental; base_id and incremental_lsn go with incremental.", "type");
                }

                if (body.Type == "full" && body.IncrementalForceScan == true)
                {
                    return ApiProblem.BadRequest("incremental_force_scan is for incremental backups: a full reads every page anyway.", "incremental_force_scan");
                }

                var filter = PartialFilter.Of(body.Databases, body.Tables, body.TablesExclude);
                if (filter?.Problem(field => field) is { } badFilter)
                {
                    return ApiProblem.BadRequest(badFilter.Problem, badFilter.Field);
                }

                if (filter is not null && body.Type != "full")
                {
                    return ApiProblem.BadRequest("databases, tables and tables_exclude take a partial backup, which is a full one: type must be full (an incremental after a partial backup may be inconsistent).", "type");
                }

                var order = new BackupOrder(body.Type == "full" ? BackupKind.Full : BackupKind.Incremental, body.BaseId, body.IncrementalLsn, body.Parallel ?? 1,
                    IncrementalForceScan: body.IncrementalForceScan == true, Filter: filter);
                QueuedBackup queued;
                try
                {
                    // Refusals come back at once, before anything is queued.
                    queued = await jobs.StartAsync(name, order, Engine.Jobs.JobTrigger.Api).ConfigureAwait(false);
                }
                catch (BackupRefusedException e)
                {
                    return ApiProblem.BadRequest(e.Message, e.Field);
                }

                // With ?wait=true the answer is the finished backup; a backup of the server already
                // queued or running goes first.
                await Task.WhenAny(queued.Done, wait == true ? queued.Done : Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                if (!queued.Done.IsCompleted)
                {
                    // job_id: the Hangfire job (/hangfire/jobs/details/{job_id}); run_id: the job history's (/api/jobs/{run_id}).
                    var state = (await history.FindAsync(queued.RunId, CancellationToken.None).ConfigureAwait(false))?.State ?? Engine.Jobs.JobState.Queued;
                    return Results.Accepted($"/api/jobs/{queued.RunId}",
                        new { server = name, status = Engine.Jobs.JobWords.Of(state), job_id = queued.JobId, run_id = queued.RunId });
                }

                try
                {
                    var record = await queued.Done.ConfigureAwait(false);
                    return Results.Json(BackupView.From(record), statusCode: record.TookWhatWasAsked ? StatusCodes.Status201Created : StatusCodes.Status422UnprocessableEntity);
                }
                catch (BackupRefusedException e)
                {
                    return ApiProblem.BadRequest(e.Message);
                }
            })
            .WithSummary("Start a backup (a partial one with databases, tables or tables_exclude and type full); ?wait=true answers with the finished backup (201 good, 422 failed).")
            .RequireAuthorization(Account.AccessPolicies.Operator);

        api.MapPost("/catalog/rebuild", async (BackupRepository repository, IBackupCatalog catalog, CancellationToken ct) =>
            {
                var found = repository.ReadAll();
                await catalog.ReplaceAllAsync(found.Backups, ct).ConfigureAwait(false);
                return Results.Ok(new { indexed = found.Backups.Count, problems = found.Problems, notes = found.Notes });
            })
            .WithSummary("Recreate the backups catalog from the manifests on disk.")
            .RequireAuthorization(Account.AccessPolicies.Admin);
    }

    private static async Task<IResult> OneAsync(string reference, IBackupCatalog catalog, CancellationToken ct)
    {
        try
        {
            return await catalog.FindAsync(reference, ct).ConfigureAwait(false) is { } record
                ? Results.Ok(BackupView.From(record))
                : ApiProblem.NotFound($"No backup '{reference}'.");
        }
        catch (AmbiguousBackupIdException e)
        {
            return ApiProblem.BadRequest(e.Message, "id");
        }
    }
}
