using BackupDashboard.Web.Account;
using BackupDashboard.Web.Api;
using BackupDashboard.Web.Components;
using BackupDashboard.Web.Health;
using BackupDashboard.Web.Jobs;
using Microsoft.Extensions.FileProviders;

namespace BackupDashboard.Web.Hosting;

/// <summary>The HTTP pipeline and the endpoints.</summary>
internal static class RequestPipeline
{
    public static WebApplication UseBackupDashboard(this WebApplication app)
    {
        // Development shows the developer exception page (WebApplication adds it); anywhere
        // else no stack trace reaches a user: pages get /error, the API problem+json.
        app.UseWhen(IsApi, api => api.UseApiErrors());
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => !IsApi(context), pages => pages.UseExceptionHandler("/error", createScopeForErrors: true));
        }

        // MudBlazor's _content/* and blazor.web.js through the static web assets manifest; our own top-level
        // wwwroot/ straight from disk (it is not part of the project's static web assets).
        app.MapStaticAssets();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath) });

        app.UseSameOriginForCookieChanges();
        app.UseSignInThrottling();
        app.UseAuthentication();
        app.UseAuditTrail();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthEndpoint();
        app.MapAccountEndpoints();
        app.MapJobsDashboard();
        // The API's map is for those who may use it.
        app.MapOpenApi().RequireAuthorization(AccessPolicies.AnyCredentials).RequireAuthorization(AccessPolicies.Viewer);
        // Reading takes a viewer; each endpoint that changes something asks for more (docs/access.md).
        var api = app.MapGroup("/api").RequireAuthorization(AccessPolicies.AnyCredentials).RequireAuthorization(AccessPolicies.Viewer);
        api.MapServerEndpoints();
        api.MapPageTrackingEndpoints();
        api.MapBackupEndpoints();
        api.MapRestoreEndpoints();
        api.MapRestoreRunEndpoints();
        api.MapRetentionEndpoints();
        api.MapScheduleEndpoints();
        api.MapJobEndpoints();
        api.MapRehearsalEndpoints();
        api.MapAuditEndpoints();
        api.MapUserEndpoints();
        api.MapTokenEndpoints();
        app.MapGroup("/api").RequireAuthorization(AccessPolicies.AnyCredentials).MapOwnAccountEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
}
