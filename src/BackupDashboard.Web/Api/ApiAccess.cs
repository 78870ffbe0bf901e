using BackupDashboard.Engine.Access;
using BackupDashboard.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BackupDashboard.Web.Api;

/// <summary>
/// How a refusal reads. /api and Hangfire's /hangfire answer a stranger 401 (not the sign-in
/// page) and a signed-in caller without the role 403 problem+json saying which role the request
/// needs and which one the caller holds. A page sends a stranger to the sign-in page, a user who
/// must change their password to /account/password, and anyone else to /account/denied.
/// </summary>
internal sealed class ApiAccess : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && IsApi(context.Request))
        {
            // The group asks for a viewer, the endpoint for more: the refusal names the highest bar missed.
            var needed = (authorizeResult.AuthorizationFailure?.FailedRequirements ?? []).OfType<RolesAuthorizationRequirement>()
                .Select(r => r.AllowedRoles.Select(Roles.Parse).OfType<Role>().DefaultIfEmpty(Role.Viewer).Min())
                .DefaultIfEmpty(Role.Viewer).Max();
            await ApiProblem.Of(StatusCodes.Status403Forbidden, AccessPolicies.Refusal(context.User, needed, $"{context.Request.Method} {context.Request.Path}"))
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    public static Task RedirectOrDeny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"BackupDashboard\", Bearer";
            }

            return Task.CompletedTask;
        }

        var request = context.Request;
        context.Response.Redirect(status == StatusCodes.Status403Forbidden && AccessPolicies.MustChangePassword(context.HttpContext.User)
            ? $"{request.PathBase}/account/password?returnUrl={Uri.EscapeDataString($"{request.Path}{request.QueryString}")}"
            : context.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        || request.Path.StartsWithSegments(Jobs.JobsDashboard.Path, StringComparison.Ordinal);
}
