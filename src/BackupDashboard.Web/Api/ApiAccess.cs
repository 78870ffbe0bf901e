using BackupDashboard.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace BackupDashboard.Web.Api;

/// <summary>
/// Who may call /api and open Hangfire's dashboard at /hangfire: a signed-in browser (cookie) or
/// a script with Basic credentials. A stranger gets 401 there, not the sign-in page.
/// </summary>
internal static class ApiAccess
{
    public const string Policy = "api";

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, BasicAuthentication.SchemeName)
            .RequireAuthenticatedUser());

    public static Task RedirectOrDeny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.Request.Path.StartsWithSegments(Jobs.JobsDashboard.Path, StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"BackupDashboard\"";
            }

            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
