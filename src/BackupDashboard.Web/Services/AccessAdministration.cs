using BackupDashboard.Engine.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackupDashboard.Web.Services;

/// <summary>What a change on the Access page came to: a sentence for the operator and, once, a secret.</summary>
public sealed record AccessChange(bool Done, string Message, string? Secret = null);

/// <summary>
/// The Access page's operations on users and API tokens (docs/access.md). Each checks that the
/// page's user is an admin, goes through the engine's rules (UserAccounts, ApiTokens) and writes
/// its own audit entry: a click on a page is not an HTTP request the audit trail would see.
/// </summary>
internal sealed class AccessAdministration(UserAccounts users, ApiTokens tokens, IAuditLog audit, AuthenticationStateProvider signedIn)
{
    public Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken cancellationToken) => users.ListAsync(cancellationToken);

    public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) => tokens.ListAsync(cancellationToken);

    public Task<AccessChange> AddUserAsync(string? name, Role role) =>
        ChangeAsync($"add user {name} ({role.Name()})", async () =>
        {
            var password = await users.AddAsync(name, role, password: null, CancellationToken.None).ConfigureAwait(false);
            return new AccessChange(true, $"{name} is a {role.Name()}. Give them this password; they choose their own at first sign-in.", password);
        });

    public Task<AccessChange> SetRoleAsync(string name, Role role) =>
        ChangeAsync($"set role of {name} to {role.Name()}", async () =>
        {
            await users.SetRoleAsync(name, role, CancellationToken.None).ConfigureAwait(false);
            return new AccessChange(true, $"{name} is now {role.Name()}; their sessions and tokens ended.");
        });

    public Task<AccessChange> ResetPasswordAsync(string name) =>
        ChangeAsync($"reset password of {name}", async () =>
        {
            var password = await users.ResetPasswordAsync(name, newPassword: null, CancellationToken.None).ConfigureAwait(false);
            return new AccessChange(true, $"New password for {name}; they choose their own at next sign-in. Their sessions and tokens ended.", password);
        });

    public Task<AccessChange> RemoveUserAsync(string name) =>
        ChangeAsync($"remove user {name}", async () =>
        {
            await users.RemoveAsync(name, CancellationToken.None).ConfigureAwait(false);
            return new AccessChange(true, $"{name} is removed; their sessions and tokens ended.");
        });

    public Task<AccessChange> CreateTokenAsync(string? name, Role role) =>
        ChangeAsync($"make API token '{name}' ({role.Name()})", async () =>
        {
            var owner = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User.Identity!.Name!;
            var (token, secret) = await tokens.CreateAsync(name, role, owner, CancellationToken.None).ConfigureAwait(false);
            return new AccessChange(true, $"Token {token.Id} ({token.Name}, {role.Name()}). Copy it now: it is not shown again.", secret);
        });

    public Task<AccessChange> RevokeTokenAsync(string id) =>
        ChangeAsync($"revoke API token {id}", async () =>
        {
            await tokens.RevokeAsync(id, CancellationToken.None).ConfigureAwait(false);
            return new AccessChange(true, $"Token {id} is revoked.");
        });

    private Task<AccessChange> ChangeAsync(string action, Func<Task<AccessChange>> change) =>
        PageActions.ChangeAsync<AccessChange, AccessRefusedException>(signedIn, audit, Role.Admin, "Managing users and tokens", action,
            change, refusal => new AccessChange(false, refusal), result => (result.Done, result.Message));
}
