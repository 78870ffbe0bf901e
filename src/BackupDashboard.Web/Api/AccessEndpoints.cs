using System.Security.Claims;
using System.Text.Json.Serialization;
using BackupDashboard.Engine.Access;
using BackupDashboard.Web.Account;

namespace BackupDashboard.Web.Api;

/// <summary>
/// /api/users, /api/tokens (admins) and /api/account (the caller's own): the same operations as
/// the Access page and bdash user (docs/access.md). Secrets are answered once, in the response
/// that made them, and never again.
/// </summary>
internal static class AccessEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(AccessPolicies.Admin);
        users.MapGet("", async (UserAccounts accounts, CancellationToken ct) => await accounts.ListAsync(ct).ConfigureAwait(false))
            .WithSummary("The dashboard's users and their roles.");

        users.MapPost("", (NewUserBody body, UserAccounts accounts, CancellationToken ct) => AnswerAsync(async () =>
            {
                var role = RequireRole(body.Role);
                var generated = await accounts.AddAsync(body.Name, role, body.Password, ct).ConfigureAwait(false);
                return Results.Created($"/api/users/{body.Name}", new NewUserAnswer(body.Name!, role.Name(), generated, MustChangePassword: true));
            }))
            .WithSummary("Add a user; without a password one is generated and answered once. It must be changed at first sign-in.");

        users.MapPut("/{name}", (string name, UserChangeBody body, UserAccounts accounts, CancellationToken ct) => AnswerAsync(async () =>
            {
                await accounts.SetRoleAsync(name, RequireRole(body.Role), ct).ConfigureAwait(false);
                return Results.Ok(await accounts.FindAsync(name, ct).ConfigureAwait(false));
            }))
            .WithSummary("Change a user's role; their sessions and tokens end.");

        users.MapPost("/{name}/password", (string name, PasswordResetBody? body, UserAccounts accounts, CancellationToken ct) => AnswerAsync(async () =>
            {
                var generated = await accounts.ResetPasswordAsync(name, body?.Password, ct).ConfigureAwait(false);
                return Results.Ok(new NewUserAnswer(name, null, generated, MustChangePassword: true));
            }))
            .WithSummary("Reset a user's password (generated when none is given); it must be changed at next sign-in; their sessions and tokens end.");

        users.MapDelete("/{name}", (string name, UserAccounts accounts, CancellationToken ct) => AnswerAsync(async () =>
            {
                await accounts.RemoveAsync(name, ct).ConfigureAwait(false);
                return Results.NoContent();
            }))
            .WithSummary("Remove a user; their sessions and tokens end. The last admin stays.");
    }

    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").RequireAuthorization(AccessPolicies.Admin);
        tokens.MapGet("", async (ApiTokens store, CancellationToken ct) => await store.ListAsync(ct).ConfigureAwait(false))
            .WithSummary("API tokens: names, roles, owners, last use; never a secret.");

        tokens.MapPost("", (NewTokenBody body, ClaimsPrincipal caller, ApiTokens store, CancellationToken ct) => AnswerAsync(async () =>
            {
                if (caller.HasClaim(c => c.Type == AccessPolicies.TokenClaim))
                {
                    return ApiProblem.Of(StatusCodes.Status403Forbidden, "An API token cannot make another token: an admin signs in to do it.");
                }

                var (token, secret) = await store.CreateAsync(body.Name, RequireRole(body.Role), caller.Identity!.Name!, ct).ConfigureAwait(false);
                return Results.Created($"/api/tokens/{token.Id}", new NewTokenAnswer(token, secret));
            }))
            .WithSummary("Make an API token for a role; the token is answered once (Authorization: Bearer …).");

        tokens.MapDelete("/{id}", (string id, ApiTokens store, CancellationToken ct) => AnswerAsync(async () =>
            {
                await store.RevokeAsync(id, ct).ConfigureAwait(false);
                return Results.NoContent();
            }))
            .WithSummary("Revoke an API token; it is refused from its next request.");
    }

    public static void MapOwnAccountEndpoints(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").RequireAuthorization(AccessPolicies.SignedIn);
        account.MapGet("", (ClaimsPrincipal caller) => new AccountAnswer(
                caller.Identity?.Name ?? "", AccessPolicies.RoleOf(caller)?.Name(), AccessPolicies.MustChangePassword(caller),
                caller.HasClaim(c => c.Type == AccessPolicies.TokenClaim)))
            .WithSummary("Who the caller is and with which role.");

        account.MapPost("/password", (PasswordChangeBody body, ClaimsPrincipal caller, UserAccounts accounts, CancellationToken ct) => AnswerAsync(async () =>
            {
                if (caller.HasClaim(c => c.Type == AccessPolicies.TokenClaim))
                {
                    return ApiProblem.Of(StatusCodes.Status403Forbidden, "An API token has no password to change.");
                }

                await accounts.ChangeOwnPasswordAsync(caller.Identity!.Name!, body.CurrentPassword, body.NewPassword, ct).ConfigureAwait(false);
                return Results.NoContent();
            }))
            .WithSummary("Change the caller's own password; every session and token of theirs ends.");
    }

    private static Role RequireRole(string? role) =>
        Roles.Parse(role) ?? throw new AccessRefusedException("role", $"role must be {Roles.Choices}, not '{role}'.");

    /// <summary>A refusal from the rules is a 400 naming the field, 404 for no such user or token, 409 for a conflict.</summary>
    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (AccessRefusedException e)
        {
            return e.IsMissing ? ApiProblem.NotFound(e.Message)
                : e.IsConflict ? ApiProblem.Conflict(e.Message)
                : ApiProblem.BadRequest(e.Message, e.Field);
        }
    }

    internal sealed record NewUserBody(string? Name, string? Role, string? Password);

    internal sealed record UserChangeBody(string? Role);

    internal sealed record PasswordResetBody(string? Password);

    internal sealed record PasswordChangeBody(string? CurrentPassword, string? NewPassword);

    internal sealed record NewTokenBody(string? Name, string? Role);

    internal sealed record NewUserAnswer(
        string Name, string? Role,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password,
        bool MustChangePassword);

    internal sealed record NewTokenAnswer(ApiToken Token, string Secret);

    internal sealed record AccountAnswer(string Name, string? Role, bool MustChangePassword, bool ViaToken);
}
