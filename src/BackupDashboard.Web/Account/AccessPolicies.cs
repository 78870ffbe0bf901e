using System.Security.Claims;
using BackupDashboard.Engine.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace BackupDashboard.Web.Account;

/// <summary>
/// Who may do what (docs/access.md): one policy per role, each met by that role or a higher one.
/// Pages take the browser's cookie only; /api, /openapi and /hangfire also take a script's Basic
/// credentials and API tokens (<see cref="AnyCredentials"/>), so that a stranger on a page is sent
/// to the sign-in rather than answered 401.
/// A user who must still change a password someone else chose holds no role at all, so every
/// policy refuses them until they do; only the password change itself takes any signed-in user.
/// </summary>
internal static class AccessPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>Any signed-in caller, even one who must change a password first.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>The claim of a user whose password must be changed before anything else.</summary>
    public const string MustChangePasswordClaim = "bdash:must-change-password";

    /// <summary>The claim of a request made with an API token: the token's id.</summary>
    public const string TokenClaim = "bdash:token";

    /// <summary>Added to the endpoints scripts call: cookie, Basic or Bearer, whichever the request carries.</summary>
    public static readonly AuthorizeAttribute AnyCredentials = new()
    {
        AuthenticationSchemes = $"{CookieAuthenticationDefaults.AuthenticationScheme},{BasicAuthentication.SchemeName},{TokenAuthentication.SchemeName}",
    };

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
        options.AddPolicy(Viewer, policy => policy.RequireRole(Viewer, Operator, Admin));
        options.AddPolicy(Operator, policy => policy.RequireRole(Operator, Admin));
        options.AddPolicy(Admin, policy => policy.RequireRole(Admin));
    }

    /// <summary>The claims of a signed-in user: a role only once their password is their own.</summary>
    public static List<Claim> ClaimsOf(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.MustChangePassword
            ? [new Claim(ClaimTypes.Name, user.Name), new Claim(MustChangePasswordClaim, "true")]
            : [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role.Name())];
    }

    /// <summary>The role the principal holds, or null (not signed in, or a password to change first).</summary>
    public static Role? RoleOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Roles.Parse(user.FindFirstValue(ClaimTypes.Role));
    }

    /// <summary>Whether the principal holds <paramref name="needed"/> or a higher role.</summary>
    public static bool Holds(ClaimsPrincipal user, Role needed) => RoleOf(user)?.Includes(needed) ?? false;

    /// <summary>The role that may stop a run of this kind: whoever may start it.</summary>
    public static Role ToCancel(Engine.Jobs.JobKind kind) =>
        kind is Engine.Jobs.JobKind.Backup or Engine.Jobs.JobKind.Verify or Engine.Jobs.JobKind.Rehearsal ? Role.Operator : Role.Admin;

    public static bool MustChangePassword(ClaimsPrincipal user) => user?.HasClaim(c => c.Type == MustChangePasswordClaim) == true;

    /// <summary>What a refused user reads: which role the action needs and which one they hold.</summary>
    public static string Refusal(ClaimsPrincipal user, Role needed, string action)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (MustChangePassword(user))
        {
            return $"{action} is not possible until you change your password (at /account/password).";
        }

        return RoleOf(user) is { } held
            ? $"{action} needs the {needed.Name()} role{(needed == Role.Admin ? "" : " or higher")}; {user.Identity?.Name} is {Article(held)} {held.Name()}."
            : $"{action} needs the {needed.Name()} role; sign in first.";
    }

    private static string Article(Role role) => role == Role.Viewer ? "a" : "an";
}
