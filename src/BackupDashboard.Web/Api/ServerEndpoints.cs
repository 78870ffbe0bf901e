using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using MySqlConnector;

namespace BackupDashboard.Web.Api;

/// <summary>/api/servers: register, list and test servers (the same operations as bdash server).</summary>
internal static class ServerEndpoints
{
    public static void MapServerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers", async (IServerRegistry servers, CancellationToken ct) =>
            (await servers.ListAsync(ct).ConfigureAwait(false))
                .Select(s => new ServerView(s.Name, s.Endpoint, s.User, s.DataDir, s.Tool.ToString().ToLowerInvariant(), s.HasPassword, s.IsSandbox)))
            .WithSummary("The registered servers.");

        api.MapPost("/servers", async (ServerRegistration body, IServerRegistry servers, CancellationToken ct) =>
            {
                if ((body.Socket is null) == (body.Host is null) || (body.Host is not null && body.Port is null))
                {
                    return ApiProblem.BadRequest("Give either host and port, or socket.", "host");
                }

                if (body.ToolPath is not null)
                {
                    // The program that runs as root with the server's credentials is the machine's, not the caller's.
                    return ApiProblem.BadRequest(
                        "tool_path is not accepted over the API: say tool (mariabackup or xtrabackup); the program is found on PATH or set by the installer in BackupDashboard:Tools.",
                        "tool_path");
                }

                if (body.Tool is not (null or "mariabackup" or "xtrabackup"))
                {
                    return ApiProblem.BadRequest($"tool must be mariabackup or xtrabackup, not '{body.Tool}'.", "tool");
                }

                var server = new RegisteredServer
                {
                    Name = body.Name, Host = body.Host, Port = body.Port, SocketPath = body.Socket, User = body.User, DataDir = body.DataDir,
                    Tool = body.Tool == "xtrabackup" ? BackupToolKind.XtraBackup : BackupToolKind.MariaBackup,
                };
                if (ServerRegistrationCheck.Problem(server) is var (field, problem))
                {
                    return ApiProblem.BadRequest(problem, field);
                }

                if (ServerRegistrationCheck.PasswordProblem(body.Password) is { } badPassword)
                {
                    return ApiProblem.BadRequest(badPassword, "password");
                }

                try
                {
                    await servers.AddAsync(server, body.Password, ct).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    return ApiProblem.Conflict(e.Message);
                }

                return Results.Created($"/api/servers/{server.Name}", new { name = server.Name });
            })
            .WithSummary("Register a server; the password is stored encrypted.")
            .RequireAuthorization(Account.AccessPolicies.Admin);

        api.MapPost("/servers/{name}/test", async (string name, IServerRegistry servers, CancellationToken ct) =>
            {
                var server = await servers.FindAsync(name, ct).ConfigureAwait(false);
                if (server is null)
                {
                    return ApiProblem.NotFound($"No server named '{name}' is registered.");
                }

                try
                {
                    return Results.Ok(await ServerProbe.TestAsync(server, await servers.GetPasswordAsync(name, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
                }
                catch (MySqlException e)
                {
                    return ApiProblem.Of(StatusCodes.Status502BadGateway, $"Cannot connect to {name} ({server.Endpoint}): {e.Message}");
                }
            })
            .WithSummary("Connect and report version, datadir, page size, checksums, LSN and missing privileges.")
            .RequireAuthorization(Account.AccessPolicies.Operator);
    }
}
