using System.Security.Claims;
using BackupDashboard.Engine.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BackupDashboard.Web.Account;

/// <summary>
/// Ties the sign-in cookie to a session in the catalog (docs/sessions.md): the cookie carries the
/// session's id, and a cookie whose session has ended (signed out, password changed, user
/// removed) is refused at its next request although the cookie itself would live on.
/// </summary>
internal static class SessionCookie
{
    public const string SessionClaim = "bdash:session";

    /// <summary>
    /// Starts a session and signs the browser in with it. The role goes into the cookie: any
    /// change of role or password ends the user's sessions, so a cookie's role is never stale.
    /// </summary>
    public static async Task SignInAsync(HttpContext http, UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sessions = http.RequestServices.GetRequiredService<ISessionStore>();
        var id = await sessions.StartAsync(user.Name, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
        var identity = new ClaimsIdentity([.. AccessPolicies.ClaimsOf(user), new Claim(SessionClaim, id)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
    }

    /// <summary>Ends the browser's session in the catalog, then drops its cookie.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (result.Principal?.FindFirstValue(SessionClaim) is { } id)
        {
            await http.RequestServices.GetRequiredService<ISessionStore>().EndAsync(id, CancellationToken.None).ConfigureAwait(false);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }

    /// <summary>The cookie handler's check on every request.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!await IsLiveAsync(context.Principal, context.HttpContext.RequestServices.GetRequiredService<ISessionStore>(), context.HttpContext.RequestAborted)
            .ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>A principal from a cookie without a session (an older release's) is not live either.</summary>
    public static async Task<bool> IsLiveAsync(ClaimsPrincipal? principal, ISessionStore sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return principal?.FindFirstValue(SessionClaim) is { } id && principal.Identity?.Name is { } user
            && await sessions.IsLiveAsync(id, user, cancellationToken).ConfigureAwait(false);
    }
}
