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
        api.MapGet("/jobs", async (string? server, string? kind, string? state, string? limit, string? offset, string? from, string? to, string? sort,
                HttpResponse response, IJobHistory history, CancellationToken ct) =>
            {
                var (count, limitProblem) = Number(limit, "limit", $"limit must be a whole number between 1 and {JobQueryRequest.MaxLimit}.");
                var (skip, offsetProblem) = Number(offset, "offset", "offset must be a whole number, 0 or more.");
                if ((limitProblem ?? offsetProblem) is { } bad)
                {
                    return bad;
                }

                var (query, field, problem) = new JobQueryRequest(server, kind, state, count) { Offset = skip, From = from, To = to, Sort = sort }.Resolve();
                if (query is null)
                {
                    return ApiProblem.BadRequest(problem!, field);
                }

                // The body stays a plain list, as before; the header tells a pager how many match in all.
                var page = await history.PageAsync(query, ct).ConfigureAwait(false);
                response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
                return Results.Ok(page.Runs);
            })
            .WithSummary("Runs of every kind (backup, restore, retention, verify, rehearsal), newest first; filters: server, kind, state, from and to (queued at, ISO 8601, UTC), " +
                "sort (queued, duration, server, kind, state; '-' first for the largest first), offset and limit (1-1000, default 50). X-Total-Count says how many match.");

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
                var needed = Account.AccessPolicies.ToCancel(run.Kind);
                if (!Account.AccessPolicies.Holds(caller, needed))
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

    /// <summary>Query values arrive as text, so that a bad one is this API's own 400 naming the field.</summary>
    private static (int? Value, IResult? Problem) Number(string? text, string field, string problem) =>
        text is null ? (null, null)
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? (parsed, null)
        : (null, ApiProblem.BadRequest(problem, field));

    private static async Task<JobRun?> FindAsync(string id, IJobHistory history, CancellationToken ct) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? await history.FindAsync(number, ct).ConfigureAwait(false) : null;

    private static IResult NotFound(string id) =>
        ApiProblem.NotFound($"No run '{(id.Length > 40 || id.Any(char.IsControl) ? "(that id)" : id)}' in the job history (ids are whole numbers; GET /api/jobs lists them).");
}
