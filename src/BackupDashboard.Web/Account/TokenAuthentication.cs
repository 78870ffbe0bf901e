using System.Security.Claims;
using System.Text.Encodings.Web;
using BackupDashboard.Engine.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BackupDashboard.Web.Account;

/// <summary>
/// API tokens (Authorization: Bearer bdt_…) for automation (docs/access.md). A token acts with
/// its own role; the audit log names it with its owner. A wrong token counts against the client
/// address like a wrong password, so guessing is locked out as the sign-in is.
/// </summary>
internal sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens, SignInGuard guard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (guard.LockedFor(null, address) is not null)
        {
            return AuthenticateResult.Fail("Too many wrong tokens: locked out for a while.");
        }

        var token = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            guard.Failed(null, address);
            await AuditTrail.RecordAsync(Context, "sign-in (token)", "refused: unknown or revoked token", "(unknown token)").ConfigureAwait(false);
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"{token.Owner} (token {token.Name})"),
                new Claim(ClaimTypes.Role, token.Role.Name()),
                new Claim(AccessPolicies.TokenClaim, token.Id),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
