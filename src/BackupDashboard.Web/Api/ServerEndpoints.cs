using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;
using MySqlConnector;

namespace BackupDashboard.Web.Api;

/// <summary>/api/servers: register, list, edit, remove and test servers (the operations of bdash server and the Servers page).</summary>
internal static class ServerEndpoints
{
    public static void MapServerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers", async (IServerRegistry servers, CancellationToken ct) =>
            (await servers.ListAsync(ct).ConfigureAwait(false))
                .Select(View))
            .WithSummary("The registered servers.");

        api.MapPost("/servers", async (ServerRegistration body, IServerRegistry servers, CancellationToken ct) =>
            {
                var (server, refusal) = Read(body, body.Name);
                if (refusal is not null)
                {
                    return refusal;
                }

                try
                {
                    await servers.AddAsync(server!, body.Password, ct).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    return ApiProblem.Conflict(e.Message);
                }

                return Results.Created($"/api/servers/{server!.Name}", new { name = server.Name });
            })
            .WithSummary("Register a server; the password is stored encrypted.")
            .RequireAuthorization(Account.AccessPolicies.Admin);

        api.MapPut("/servers/{name}", async (string name, ServerRegistration body, IServerRegistry servers, CancellationToken ct) =>
            {
                if (await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false) is { } unknown)
                {
                    return unknown;
                }

                if (body.Name is not null && !string.Equals(body.Name, name, StringComparison.Ordinal))
                {
                    return ApiProblem.BadRequest($"The name of '{name}' cannot change: it is the folder of its backups and its job queue. Register a new server instead.", "name");
                }

                var (server, refusal) = Read(body, name);
                if (refusal is not null)
                {
                    return refusal;
                }

                try
                {
                    return await servers.UpdateAsync(server!, body.Password, ct).ConfigureAwait(false)
                        ? Results.Ok(View((await servers.FindAsync(name, ct).ConfigureAwait(false))!))
                        : ApiProblem.NotFound($"No server '{name}' is registered.");
                }
                catch (InvalidOperationException e)
                {
                    return ApiProblem.Conflict(e.Message);
                }
            })
            .WithSummary("Change how a server is reached, its user, datadir or tool; the name stays; no password keeps the stored one.")
            .RequireAuthorization(Account.AccessPolicies.Admin);

        api.MapDelete("/servers/{name}", async (HttpContext http, string name, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "with_backups")] string? withBackups,
                IServerRegistry servers, ServerRemoval removal, CancellationToken ct) =>
            {
                if (await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false) is { } unknown)
                {
                    return unknown;
                }

                // Said exactly: a typo must never read as "delete everything".
                if (withBackups is not (null or "true" or "false"))
                {
                    return ApiProblem.BadRequest($"with_backups must be true or false, not '{withBackups}'.", "with_backups");
                }

                try
                {
                    var removed = await removal.RemoveAsync(name, withBackups == "true", $"{http.User.Identity?.Name ?? "?"} (api)", ct).ConfigureAwait(false);
                    return removed switch
                    {
                        { Removed: true, Backups: null } => Results.NoContent(),
                        { Removed: true } => Results.Ok(RemovedView.From(removed)),
                        { Backups: not null } => ApiProblem.Of(StatusCodes.Status500InternalServerError, removed.Words),
                        _ => ApiProblem.NotFound(removed.Words),
                    };
                }
                catch (Engine.Retention.RetentionRefusedException e)
                {
                    return e.Busy ? ApiProblem.Conflict(e.Message) : ApiProblem.BadRequest(e.Message, e.Field);
                }
            })
            .WithSummary("Forget a server and its schedule; its backups stay in the repository and the catalog, unless ?with_backups=true deletes every one of them first (as retention deletes a chain).")
            .RequireAuthorization(Account.AccessPolicies.Admin);

        api.MapPost("/servers/{name}/test", async (string name, IServerRegistry servers, Engine.Backups.IBackupCatalog catalog, CancellationToken ct) =>
            {
                var server = await servers.FindAsync(name, ct).ConfigureAwait(false);
                if (server is null)
                {
                    return ApiProblem.NotFound($"No server named '{name}' is registered.");
                }

                try
                {
                    var password = await servers.GetPasswordAsync(name, ct).ConfigureAwait(false);
                    return Results.Ok(await ServerProbe.TestAsync(server, password, await catalog.ListAsync(name, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
                }
                catch (MySqlException e)
                {
                    return ApiProblem.Of(StatusCodes.Status502BadGateway, $"Cannot connect to {name} ({server.Endpoint}): {e.Message}");
                }
            })
            .WithSummary("Connect and report version, datadir, page size, checksums, LSN, page tracking and missing privileges.")
            .RequireAuthorization(Account.AccessPolicies.Operator);
    }

    private static ServerView View(RegisteredServer s) =>
        new(s.Name, s.Endpoint, s.User, s.DataDir, s.Tool.ToString().ToLowerInvariant(), s.HasPassword, s.IsSandbox);

    /// <summary>The registration a body asks for, or the 400 naming the field at fault.</summary>
    private static (RegisteredServer? Server, IResult? Refusal) Read(ServerRegistration body, string name)
    {
        if (body.ToolPath is not null)
        {
            // The program that runs as root with the server's credentials is the machine's, not the caller's.
            return (null, ApiProblem.BadRequest(
                "tool_path is not accepted over the API: say tool (mariabackup or xtrabackup); the program is found on PATH or set by the installer in BackupDashboard:Tools.",
                "tool_path"));
        }

        if (body.Tool is not (null or "mariabackup" or "xtrabackup"))
        {
            return (null, ApiProblem.BadRequest($"tool must be mariabackup or xtrabackup, not '{body.Tool}'.", "tool"));
        }

        var server = new RegisteredServer
        {
            Name = name, Host = body.Host, Port = body.Port, SocketPath = body.Socket, User = body.User, DataDir = body.DataDir,
            Tool = body.Tool == "xtrabackup" ? BackupToolKind.XtraBackup : BackupToolKind.MariaBackup,
        };
        return ServerInput.Problem(server, body.Password) is var (field, problem) ? (null, ApiProblem.BadRequest(problem, field)) : (server, null);
    }

    /// <summary>The answer to a removal with its backups: what was deleted, chain by chain.</summary>
    internal sealed record RemovedView(string Server, int Backups, long BytesFreed, IReadOnlyList<string> Chains, IReadOnlyList<string> Notes)
    {
        public static RemovedView From(ServerRemoved removed) => new(removed.Server, removed.Backups!.Backups, removed.Backups.BytesFreed,
            removed.Backups.Chains.Select(c => c.Verdict.FullId).ToList(), removed.Backups.Notes);
    }
}
