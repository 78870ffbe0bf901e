using BackupDashboard.Engine.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BackupDashboard.Web.Account;

/// <summary>
/// An open page (a Blazor circuit) keeps the sign-in it connected with; this looks at its
/// session every <see cref="RevalidationInterval"/> and signs the page out once the session has
/// ended elsewhere (sign-out in another tab, a password change).
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggers, ISessionStore sessions) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        // Basic-authenticated principals carry no session; pages are only reached with the cookie.
        return authenticationState.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
            ? SessionCookie.IsLiveAsync(authenticationState.User, sessions, cancellationToken)
            : Task.FromResult(authenticationState.User.Identity?.IsAuthenticated == true);
    }
}
