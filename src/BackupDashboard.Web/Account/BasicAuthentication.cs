using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BackupDashboard.Web.Account;

/// <summary>
/// HTTP Basic sign-in for /api, so scripts can call it with a user's name and password
/// (`curl -u alice:…`), with that user's role. The browser keeps using the cookie; automation
/// should prefer API tokens. Loopback only, so no TLS here.
/// </summary>
internal sealed class BasicAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Engine.Access.UserAccounts accounts, SignInGuard guard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    private async Task<AuthenticateResult> RefusedAsync(string user)
    {
        await AuditTrail.RecordAsync(Context, "sign-in (Basic)", "refused: wrong user or password", user).ConfigureAwait(false);
        return AuthenticateResult.Fail("Wrong user or password.");
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credentials = BasicCredentials.From(Request);
        if (credentials is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (ReferenceEquals(credentials, BasicCredentials.Invalid))
        {
            return AuthenticateResult.Fail("The Basic credentials are not base64.");
        }

        var user = credentials.User;
        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (guard.LockedFor(user, address) is not null)
        {
            // Not even checked: SignInThrottling answers 429 before this runs; this covers a race.
            return AuthenticateResult.Fail("Too many wrong passwords: locked out for a while.");
        }

        var account = await accounts.SignInAsync(user, credentials.Password, Context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            guard.Failed(user, address);
            return await RefusedAsync(user).ConfigureAwait(false);
        }

        guard.Succeeded(user, address);
        var identity = new ClaimsIdentity(AccessPolicies.ClaimsOf(account), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
