using System.Globalization;

namespace BackupDashboard.Web.Api;

/// <summary>/api/audit: the audit log, the same as bdash audit (docs/audit.md). There is no way to change it.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", async (string? limit, Engine.Access.IAuditLog audit, CancellationToken ct) =>
                limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 10_000)
                    ? ApiProblem.BadRequest("limit must be a whole number between 1 and 10000.", "limit")
                    : Results.Ok(await audit.ListAsync(limit is null ? 100 : int.Parse(limit, CultureInfo.InvariantCulture), ct).ConfigureAwait(false)))
            .WithSummary("The audit log, newest first: who, via (web, api, cli), address, action, outcome. Read only.")
            .RequireAuthorization(Account.AccessPolicies.Admin);
}
