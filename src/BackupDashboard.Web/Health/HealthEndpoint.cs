namespace BackupDashboard.Web.Health;

/// <summary>GET /healthz: 200 with the report when healthy, 503 with the same report when not.</summary>
internal static class HealthEndpoint
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (HealthCheck check, CancellationToken cancellationToken) =>
            {
                var report = await check.RunAsync(cancellationToken).ConfigureAwait(false);
                return Results.Json(report, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("Catalog reachable, Hangfire servers running, backup tools found and their versions.");
}
