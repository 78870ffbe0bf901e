using BackupDashboard.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BackupDashboard.Web.Health;

/// <summary>
/// GET /healthz: 200 when healthy, 503 when not. A stranger (a load balancer, a monitor) hears
/// only that: `{"status": "healthy"}`. The report (content root, data folder, catalog path,
/// server count, tool paths and versions) is for a signed-in user with a role (cookie, Basic or
/// API token; docs/access.md), since it tells an attacker where everything is.
/// </summary>
internal static class HealthEndpoint
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (HttpContext http, HealthCheck check, CancellationToken cancellationToken) =>
            {
                var report = await check.RunAsync(cancellationToken).ConfigureAwait(false);
                var status = report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                return await IsSignedInAsync(http).ConfigureAwait(false)
                    ? Results.Json(report, statusCode: status)
                    : Results.Json(new { status = report.Status }, statusCode: status);
            })
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("Up or down for anyone; for a signed-in user also the catalog, Hangfire's servers, the backup tools found and their versions.");

    private static async Task<bool> IsSignedInAsync(HttpContext http)
    {
        foreach (var scheme in new[] { CookieAuthenticationDefaults.AuthenticationScheme, BasicAuthentication.SchemeName, TokenAuthentication.SchemeName })
        {
            if ((await http.AuthenticateAsync(scheme).ConfigureAwait(false)) is { Succeeded: true } result && AccessPolicies.RoleOf(result.Principal) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
