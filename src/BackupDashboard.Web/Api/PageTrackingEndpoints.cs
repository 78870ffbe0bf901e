using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Servers;
using MySqlConnector;

namespace BackupDashboard.Web.Api;

/// <summary>
/// /api/servers/{name}/page-tracking: MySQL's page tracking for XtraBackup 8.0.27+, as bdash server
/// tracking (docs/tool-adapters.md, "Page tracking"). Reading takes a viewer, changing an admin.
/// 400 names a bad field (action, up_to); 409 is a refused action (MariaDB, component not
/// installed); 502 is a server that cannot be reached or answers with an error.
/// </summary>
internal static class PageTrackingEndpoints
{
    public static void MapPageTrackingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers/{name}/page-tracking", (string name, IServerRegistry servers, IBackupCatalog catalog, CancellationToken ct) =>
                WithServerAsync(name, servers, catalog, async (server, password, backups) =>
                    Results.Ok(await PageTracking.StatusAsync(server, password, backups, ct).ConfigureAwait(false)), ct))
            .WithSummary("Page tracking: component installed, tracking start LSN, pages changed since the newest backup, whether the next backup must be a full.");

        api.MapPost("/servers/{name}/page-tracking/{action}", (string name, string action, string? up_to, IServerRegistry servers, IBackupCatalog catalog, CancellationToken ct) =>
            {
                if (!Enum.TryParse<PageTrackingAction>(action, ignoreCase: true, out var verb) || !action.All(char.IsAsciiLetterLower))
                {
                    return Task.FromResult(ApiProblem.BadRequest("action is one of install, uninstall, start, stop, purge.", "action"));
                }

                ulong? upTo = null;
                if (up_to is not null)
                {
                    if (verb != PageTrackingAction.Purge || !ulong.TryParse(up_to, NumberStyles.None, CultureInfo.InvariantCulture, out var lsn) || lsn == 0)
                    {
                        return Task.FromResult(ApiProblem.BadRequest("up_to goes with purge and is an LSN above 0.", "up_to"));
                    }

                    upTo = lsn;
                }

                return WithServerAsync(name, servers, catalog, async (server, password, backups) =>
                    Results.Ok(await PageTracking.ChangeAsync(server, password, verb, upTo, backups, ct).ConfigureAwait(false)), ct);
            })
            .WithSummary("install, uninstall, start, stop or purge (?up_to=LSN, default all) page tracking; answers what was done and the status after.")
            .RequireAuthorization(Account.AccessPolicies.Admin);
    }

    private static async Task<IResult> WithServerAsync(string name, IServerRegistry servers, IBackupCatalog catalog,
        Func<RegisteredServer, string?, IReadOnlyList<BackupRecord>, Task<IResult>> answer, CancellationToken ct)
    {
        if (await ApiServers.UnknownAsync(name, servers, ct).ConfigureAwait(false) is { } unknown)
        {
            return unknown;
        }

        var server = (await servers.FindAsync(name, ct).ConfigureAwait(false))!;
        try
        {
            return await answer(server, await servers.GetPasswordAsync(name, ct).ConfigureAwait(false), await catalog.ListAsync(name, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (PageTrackingRefusedException e)
        {
            return ApiProblem.Conflict(e.Message);
        }
        catch (MySqlException e)
        {
            return ApiProblem.Of(StatusCodes.Status502BadGateway, $"{name} ({server.Endpoint}): {e.Message}");
        }
    }
}
