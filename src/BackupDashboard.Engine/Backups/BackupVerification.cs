using System.Globalization;
using System.Text.Json.Serialization;
using BackupDashboard.InnoDb.Verification;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// The page-checksum verify of a backup's files (every page, and every page inside its .delta
/// files), kept with the backup in its manifest and the catalog and shown wherever it is.
/// "failed" means bad pages or unreadable files: the backup is still listed, and the operator
/// decides. A backup never verified has none.
/// </summary>
public sealed record BackupVerification(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    public const string Passed = "passed";
    public const string Failed = "failed";

    [JsonIgnore] public bool IsPassed => string.Equals(State, Passed, StringComparison.Ordinal);

    public static BackupVerification From(VerifyReport report, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pages = report.PagesChecked.ToString("N0", CultureInfo.InvariantCulture);
        if (report.IsClean)
        {
            return new(Passed, $"{pages} pages checked, none bad", at);
        }

        var first = report.BadPages.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"first: {report.BadPages[0].Path} page {report.BadPages[0].PageNo}: {report.BadPages[0].Reason}")
            : $"first: {report.Errors[0].Path}: {report.Errors[0].Message}";
        return new(Failed, string.Create(CultureInfo.InvariantCulture,
            $"{report.BadPages.Count} bad pages and {report.Errors.Count} unreadable files in {pages} pages checked ({first})"), at);
    }
}
