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

    /// <summary>
    /// &lt;repository&gt;/&lt;server&gt;/&lt;id&gt;, refused when the server name is not one
    /// (<see cref="Servers.ServerName"/>) or the result would leave the repository.
    /// </summary>
    public static string BackupFolder(string repository, string server, string id)
    {
        Servers.ServerName.Require(server);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repository));
        var folder = Path.GetFullPath(Path.Combine(root, server, id));
        if (!folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.GetDirectoryName(Path.GetDirectoryName(folder)) != root)
        {
            throw new ArgumentException($"The backup folder for '{server}'/'{id}' would be {folder}, outside the repository {root}.", nameof(id));
        }

        return folder;
    }
}
