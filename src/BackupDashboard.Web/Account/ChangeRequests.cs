namespace BackupDashboard.Web.Account;

/// <summary>
/// The requests that change something: POST, PUT, PATCH or DELETE to /api, /account (sign-out)
/// or /hangfire (the job dashboard's actions). The cross-site check guards them and the audit
/// trail records them.
/// </summary>
internal static class ChangeRequests
{
    public static bool Matches(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        var path = request.Path;
        return (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            && (path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/account", StringComparison.Ordinal)
                || path.StartsWithSegments(Jobs.JobsDashboard.Path, StringComparison.Ordinal));
    }
}
