using System.Globalization;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// The backup repository on disk: &lt;repository&gt;/&lt;server&gt;/&lt;id&gt;/ holds the tool's
/// target directory, our manifest.json and the tool's full log. Ids sort by start time.
/// </summary>
public static class BackupLayout
{
    public const string TargetFolder = "target";
    public const string ManifestFile = "manifest.json";
    public const string LogFile = "tool.log";

    public static string NewId(DateTimeOffset startedAt, BackupKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{(kind == BackupKind.Full ? "full" : "inc")}");

    public static string BackupFolder(string repository, string server, string id) => Path.Combine(repository, server, id);
}
