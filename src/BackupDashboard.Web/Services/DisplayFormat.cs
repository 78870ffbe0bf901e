using System.Globalization;

namespace BackupDashboard.Web.Services;

/// <summary>
/// How numbers and times read on the pages. LSNs stay plain integers because operators compare
/// them with what the tools print (xtrabackup_checkpoints, "log scanned up to"); times are UTC
/// because the tools and the manifests are.
/// </summary>
public static class DisplayFormat
{
    private const string Missing = "—";
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Lsn(ulong? lsn) => lsn?.ToString(CultureInfo.InvariantCulture) ?? Missing;

    public static string Percent(double percent) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(percent, 0, 100):0} %");

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Size(long bytes)
    {
        double value = Math.Max(0, bytes);
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>Hours:minutes:seconds; hours keep counting past a day (a long full backup stays readable).</summary>
    public static string Duration(TimeSpan? duration) => duration is { } d && d >= TimeSpan.Zero
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalHours:00}:{d.Minutes:00}:{d.Seconds:00}")
        : Missing;

    /// <summary>The line a table or a notification shows; the rest stays one click away.</summary>
    public static string FirstLine(string? text) => Engine.Backups.BackupStatusWords.Headline(text);
}
