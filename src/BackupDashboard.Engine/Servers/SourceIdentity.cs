using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// Which database server a backup was taken from, as that server said when the backup started
/// (docs/formats/manifest.md, <c>source</c>): how it was reached, its @@hostname, @@port,
/// @@datadir and VERSION(). Two registrations that point at one server, or one registration
/// repointed at another server, are told apart by it, so an incremental is never based on a
/// backup of a different server.
/// </summary>
public sealed record SourceIdentity(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("datadir")] string DataDir,
    [property: JsonPropertyName("version")] string Version)
{
    /// <summary>Null when both are the same server's; otherwise how they differ.</summary>
    public string? DifferenceFrom(SourceIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (Hostname, Port, SameDir(DataDir)) == (other.Hostname, other.Port, SameDir(other.DataDir))
            ? null
            : $"{Describe()} is not {other.Describe()}";
    }

    public string Describe() => $"{Hostname}:{Port} (datadir {DataDir})";

    /// <summary>@@datadir ends with a slash; a registered datadir usually does not.</summary>
    public static string SameDir(string path) => Path.TrimEndingDirectorySeparator(path.Trim());
}
