using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BackupDashboard.Web.Account;

/// <summary>
/// HTTP Basic sign-in for /api, so scripts can call it with the admin's user and password
/// (`curl -u admin:…`). The browser keeps using the cookie. Loopback only, so no TLS here.
/// </summary>
internal sealed class BasicAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminAccount account, SignInGuard guard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    private async Task<AuthenticateResult> RefusedAsync(string user)
    {
        await AuditTrail.RecordAsync(Context, "sign-in (Basic)", "refused: wrong user or password", user).ConfigureAwait(false);
        return AuthenticateResult.Fail("Wrong user or password.");
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credentials = BasicCredentials.From(Request);
        if (credentials is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (ReferenceEquals(credentials, BasicCredentials.Invalid))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64."));
        }

        var user = credentials.User;
        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (guard.LockedFor(user, address) is not null)
        {
            // Not even checked: SignInThrottling answers 429 before this runs; this covers a race.
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong passwords: locked out for a while."));
        }

        if (credentials.Password is null || !account.Verify(user, credentials.Password))
        {
            guard.Failed(user, address);
            return RefusedAsync(user);
        }

        guard.Succeeded(user, address);

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
