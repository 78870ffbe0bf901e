using System.Globalization;
using BackupDashboard.Engine.Access;

namespace BackupDashboard.Web.Account;

/// <summary>
/// Every change made over HTTP goes into the audit log (docs/audit.md): each POST, PUT, PATCH or
/// DELETE to /api, /account or /hangfire, with who (the signed-in user, or "(not signed in)"),
/// through what (api with an Authorization header, web with the cookie), the client address, the
/// method and path (never the body, which may hold a password) and the status it was answered.
/// Sign-ins are recorded by the sign-in page itself.
/// </summary>
internal static class AuditTrail
{
    public static IApplicationBuilder UseAuditTrail(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!ChangeRequests.Matches(context.Request) || IsPolling(context.Request.Path))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                await RecordAsync(context, $"{context.Request.Method} {context.Request.Path}", context.Response.StatusCode.ToString(CultureInfo.InvariantCulture))
                    .ConfigureAwait(false);
            }
        });

    /// <summary>Appends one entry for the request's user; a log that cannot be written never fails the request.</summary>
    public static async Task RecordAsync(HttpContext context, string action, string outcome, string? who = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.RequestServices.GetRequiredService<IAuditLog>().AppendAsync(
                who ?? context.User.Identity?.Name ?? "(not signed in)",
                context.Request.Headers.ContainsKey("Authorization") ? "api" : "web",
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                action, outcome, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditTrail)).LogAuditFailed(action, e.Message);
        }
    }

    // The job dashboard POSTs /stats every few seconds while it is open: a read, not a change.
    private static bool IsPolling(PathString path) =>
        path.StartsWithSegments(Jobs.JobsDashboard.Path, StringComparison.Ordinal) && path.Value!.EndsWith("/stats", StringComparison.Ordinal);
}

internal static partial class AuditLogMessages
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The audit log could not record {Action}: {Reason}")]
    public static partial void LogAuditFailed(this ILogger logger, string action, string reason);
}
