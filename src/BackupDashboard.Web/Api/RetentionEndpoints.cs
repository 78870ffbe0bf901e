using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Api;

/// <summary>/api/servers/{name}/retention: the same as bdash retention set, show and run (docs/retention.md).</summary>
internal static class RetentionEndpoints
{
    public static void MapRetentionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers/{name}/retention", async (string name, IServerRegistry servers, IRetentionCatalog retention, CancellationToken ct) =>
                await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false)
                ?? Results.Ok(new RetentionShowView(
                    RetentionPolicyView.From(name, await retention.FindPolicyAsync(name, ct).ConfigureAwait(false)),
                    [.. (await retention.ListDeletionsAsync(name, ct).ConfigureAwait(false)).Select(DeletionView.From)])))
            .WithSummary("The server's retention policy and every chain retention deleted, newest first.");

        api.MapPut("/servers/{name}/retention", async (string name, RetentionPolicyBody body, IServerRegistry servers, IRetentionCatalog retention, CancellationToken ct) =>
            {
                var policy = new RetentionPolicy(body.KeepChains, body.KeepDays);
                if (policy.Problems() is [var (field, problem), ..])
                {
                    return ApiProblem.BadRequest(problem, field);
                }

                if (await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false) is { } unknown)
                {
                    return unknown;
                }

                await retention.SavePolicyAsync(name, policy, ct).ConfigureAwait(false);
                return Results.Ok(RetentionPolicyView.From(name, policy));
            })
            .WithSummary("Set the server's retention policy (keep_chains and/or keep_days); nothing is deleted until a run.")
            .RequireAuthorization(Account.AccessPolicies.Admin);

        api.MapPost("/servers/{name}/retention/run", async (HttpContext http, string name, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "dry_run")] bool? dryRun, RetentionRunner runner, IRetentionCatalog retention, JobRecorder jobs, CancellationToken ct) =>
            {
                try
                {
                    var result = await jobs.RunRetentionAsync(runner, retention, name, dryRun == true, $"{http.User.Identity?.Name ?? "?"} (api)", JobTrigger.Api, ct).ConfigureAwait(false);
                    return Results.Ok(RetentionRunView.From(result));
                }
                catch (RetentionRefusedException e)
                {
                    return e.Busy ? ApiProblem.Conflict(e.Message) : ApiProblem.BadRequest(e.Message, e.Field);
                }
            })
            .WithSummary("Delete the whole chains the policy no longer keeps; ?dry_run=true lists them and deletes nothing.")
            .RequireAuthorization(Account.AccessPolicies.Admin);
    }
}
