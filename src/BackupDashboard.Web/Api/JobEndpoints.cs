using System.Globalization;
using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Jobs;

namespace BackupDashboard.Web.Api;

/// <summary>/api/jobs: the job history and cancel, the same as bdash jobs (docs/job-history.md).</summary>
internal static class JobEndpoints
{
    public static void MapJobEndpoints(this RouteGroupBuilder api)
    {
        // Query values arrive as text, so that a bad one is this API's own 400 naming the field.
        api.MapGet("/jobs", async (string? server, string? kind, string? state, string? limit, IJobHistory history, CancellationToken ct) =>
            {
                int? count = null;
                if (limit is not null)
                {
                    if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return ApiProblem.BadRequest($"limit must be a whole number between 1 and {JobQueryRequest.MaxLimit}.", "limit");
                    }

                    count = parsed;
                }

                var (query, field, problem) = new JobQueryRequest(server, kind, state, count).Resolve();
                return query is null
                    ? ApiProblem.BadRequest(problem!, field)
                    : Results.Ok(await history.ListAsync(query, ct).ConfigureAwait(false));
            })
            .WithSummary("Runs of every kind (backup, restore, retention, verify, rehearsal), newest first; filters: server, kind, state, limit (1-1000, default 50).");

        api.MapGet("/jobs/{id}", async (string id, IJobHistory history, CancellationToken ct) =>
                await FindAsync(id, history, ct).ConfigureAwait(false) is { } run ? Results.Ok(run) : NotFound(id))
            .WithSummary("One run, with its log.");

        api.MapPost("/jobs/{id}/cancel", async (string id, System.Security.Claims.ClaimsPrincipal caller, IJobHistory history, CancellationToken ct) =>
            {
                if (await FindAsync(id, history, ct).ConfigureAwait(false) is not { } run)
                {
                    return NotFound(id);
                }

                // An operator cancels what an operator may start; restores and retention runs are an admin's to stop.
                var needed = run.Kind is JobKind.Backup or JobKind.Verify or JobKind.Rehearsal ? Role.Operator : Role.Admin;
                if (!(Account.AccessPolicies.RoleOf(caller)?.Includes(needed) ?? false))
                {
                    return ApiProblem.Of(StatusCodes.Status403Forbidden, Account.AccessPolicies.Refusal(caller, needed, $"Cancelling a {JobWords.Of(run.Kind)} run"));
                }

                if (run.Ended)
                {
                    return ApiProblem.Conflict($"Run {run.Id} already ended ({JobWords.Of(run.State)}); nothing to cancel.");
                }

                var asked = await history.RequestCancelAsync(run.Id, ct).ConfigureAwait(false) ?? run;
                return Results.Accepted($"/api/jobs/{run.Id}", asked with { Log = null });
            })
            .RequireAuthorization(Account.AccessPolicies.Operator)
            .WithSummary("Stop a queued or running run: a queued one never starts (it ends cancelled at once); a running one's tool is stopped, gracefully then forcefully, within seconds (202; 409 when it already ended).");

    }

    private static async Task<JobRun?> FindAsync(string id, IJobHistory history, CancellationToken ct) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? await history.FindAsync(number, ct).ConfigureAwait(false) : null;

    private static IResult NotFound(string id) =>
        ApiProblem.NotFound($"No run '{(id.Length > 40 || id.Any(char.IsControl) ? "(that id)" : id)}' in the job history (ids are whole numbers; GET /api/jobs lists them).");
}
