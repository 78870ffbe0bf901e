using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BackupDashboard.Web.Account;

/// <summary>Sign-out. Sign-in is the static /login page (Components/Pages/Login.razor).</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/logout", async (HttpContext context) =>
            {
                await SessionCookie.SignOutAsync(context).ConfigureAwait(false);
                return Results.LocalRedirect("/login");
            })
            .ExcludeFromDescription();
}
