using Hangfire;
using Hangfire.Dashboard;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Hangfire's own dashboard at /hangfire, for signed-in users only. Its default filter lets any
/// local request in, and everything here is local (127.0.0.1), so it is replaced: the endpoint
/// takes the same sign-in as /api (cookie or Basic; a stranger gets 401) and the filter checks
/// it again for each of the dashboard's own requests.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static void MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new SignedInOnly()],
            AppPath = "/",
            DashboardTitle = "BackupDashboard jobs",
            // The storage's connection string names files of the data folder; not shown.
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Api.ApiAccess.Policy);

    private sealed class SignedInOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}
