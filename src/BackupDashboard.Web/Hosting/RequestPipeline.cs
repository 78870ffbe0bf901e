using BackupDashboard.Web.Account;
using BackupDashboard.Web.Api;
using BackupDashboard.Web.Components;
using BackupDashboard.Web.Health;
using Microsoft.Extensions.FileProviders;

namespace BackupDashboard.Web.Hosting;

/// <summary>The HTTP pipeline and the endpoints.</summary>
internal static class RequestPipeline
{
    public static WebApplication UseBackupDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Radzen's _content/* through the static web assets manifest; our own top-level
        // wwwroot/ straight from disk (it is not part of the project's static web assets).
        app.MapStaticAssets();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath) });
        app.MapBlazorWebScript();

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthEndpoint();
        app.MapAccountEndpoints();
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api").RequireAuthorization(ApiAccess.Policy);
        api.MapServerEndpoints();
        api.MapBackupEndpoints();
        api.MapRestoreEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
        return app;
    }
}
