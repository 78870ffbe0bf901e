using BackupDashboard.Web.Api;

namespace BackupDashboard.Web.Account;

/// <summary>
/// A browser sends the sign-in cookie with a request another site makes it send (a form posted
/// from another port of the same host counts as another site), and a POST without a body needs
/// no antiforgery token to do harm (a catalog rebuild, a server test, a sign-out). So a change
/// (POST, PUT, PATCH, DELETE) to /api, /account or /hangfire that rides on the cookie must come
/// from this origin: its Origin header says so, or, without one, Sec-Fetch-Site says same-origin.
/// Scripts sign in with an Authorization header, which another site cannot make a browser send.
/// </summary>
internal static class CrossSiteRequests
{
    public const string CookieName = "bdash.auth";

    public static IApplicationBuilder UseSameOriginForCookieChanges(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (RidesOnCookie(context) && ChangeRequests.Matches(context.Request) && !FromThisOrigin(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                const string Why = "A change made with the sign-in cookie must come from this dashboard's own pages (Origin); scripts sign in with an Authorization header.";
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    await ApiProblem.Of(StatusCodes.Status403Forbidden, Why).ExecuteAsync(context).ConfigureAwait(false);
                }

                return;
            }

            await next(context).ConfigureAwait(false);
        });

    private static bool RidesOnCookie(HttpContext context) =>
        !context.Request.Headers.ContainsKey("Authorization")
        && context.Request.Cookies.Keys.Any(k => k.StartsWith(CookieName, StringComparison.Ordinal));

    private static bool FromThisOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
        }

        return request.Headers["Sec-Fetch-Site"].ToString() is "same-origin" or "none";
    }
}
