using Hangfire;
using Hangfire.Dashboard;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Hangfire's own dashboard at /hangfire, for admins only: it can trigger and delete any job.
/// Its default filter lets any local request in, and everything here is local (127.0.0.1), so it
/// is replaced: the endpoint takes the same sign-in as /api (cookie, Basic or token; a stranger
/// gets 401, anyone else 403) and the filter checks the role again for each of its own requests.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static void MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminsOnly()],
            AppPath = "/",
            DashboardTitle = "BackupDashboard jobs",
            // The storage's connection string names files of the data folder; not shown.
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Account.AccessPolicies.AnyCredentials).RequireAuthorization(Account.AccessPolicies.Admin);

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Account.AccessPolicies.Admin);
    }
}
