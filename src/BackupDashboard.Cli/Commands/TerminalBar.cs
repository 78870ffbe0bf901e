using System.Globalization;

namespace BackupDashboard.Cli.Commands;

/// <summary>The gauge both of bdash's progress lines start with: "[#########.....] 42.0%".</summary>
internal static class TerminalBar
{
    private const int Width = 30;

    /// <summary>The bar filled to <paramref name="percent"/> (clamped to 0-100 for the fill), then the percent as given.</summary>
    public static string Gauge(double percent)
    {
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 100 * Width);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent,5:0.0}%");
    }
}
