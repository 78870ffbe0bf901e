using MudBlazor;

namespace BackupDashboard.Web.Components.Layout;

/// <summary>MudBlazor's theme for the dashboard.</summary>
internal static class DashboardTheme
{
    /// <summary>
    /// Roboto, MudBlazor's default face, is not shipped with the app and the dashboard must not
    /// fetch fonts from the internet: the system's own sans-serif face is used instead.
    /// </summary>
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
