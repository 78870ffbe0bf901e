using System.Globalization;
using System.Threading.RateLimiting;
using BackupDashboard.Web.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace BackupDashboard.Web.Account;

/// <summary>
/// Sign-in attempts (posts of the sign-in form, requests with Basic credentials or an API token)
/// are limited per client address by ASP.NET Core's rate limiter, and a user or address locked
/// out by <see cref="SignInGuard"/> is answered 429 with Retry-After before its password is hashed
/// or its token looked up.
/// </summary>
internal static class SignInThrottling
{
    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, SignInOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<SignInGuard>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInAttempt(context)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("other"));
            limiter.OnRejected = (rejected, _) => TooManyAsync(rejected.HttpContext, TimeSpan.FromMinutes(1), "Too many sign-in attempts from this address");
        });
        return services;
    }

    public static IApplicationBuilder UseSignInThrottling(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        return app.Use(async (context, next) =>
        {
            var user = BasicUser(context.Request);
            if ((user is not null || HasToken(context.Request))
                && context.RequestServices.GetRequiredService<SignInGuard>().LockedFor(user, context.Connection.RemoteIpAddress?.ToString()) is { } wait)
            {
                await TooManyAsync(context, wait, user is null ? "Too many wrong tokens from this address" : "Too many wrong passwords").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>The user name of Basic credentials, or null when the request has none (or none that decodes).</summary>
    public static string? BasicUser(HttpRequest request) =>
        BasicCredentials.From(request) is { } credentials && !ReferenceEquals(credentials, BasicCredentials.Invalid) ? credentials.User : null;

    private static bool HasToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool IsSignInAttempt(HttpContext context) =>
        BasicUser(context.Request) is not null || HasToken(context.Request)
        || (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase));

    private static async ValueTask TooManyAsync(HttpContext context, TimeSpan wait, string what)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblem.Of(StatusCodes.Status429TooManyRequests, $"{what}: try again in {seconds} s.").ExecuteAsync(context).ConfigureAwait(false);
    }
}
