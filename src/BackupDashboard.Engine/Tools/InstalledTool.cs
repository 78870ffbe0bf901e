using System.Text.RegularExpressions;

namespace BackupDashboard.Engine.Tools;

/// <summary>A backup tool found on this machine, and the version it reports.</summary>
public sealed partial record InstalledTool(BackupToolKind Kind, string Name, string? Path, string? Version, string? Problem)
{
    public bool Found => Path is not null && Problem is null;

    /// <summary>The version as a number to compare with (the build suffix of "8.0.35-30" dropped).</summary>
    public Version? ParsedVersion => ToVersion(Version);

    /// <summary>Looks the tool up on PATH and asks it for --version (both tools print it on stderr).</summary>
    public static Task<InstalledTool> DetectAsync(BackupToolKind kind, CancellationToken cancellationToken) =>
        DetectAsync(kind, null, cancellationToken);

    /// <summary>Like <see cref="DetectAsync(BackupToolKind, CancellationToken)"/>, but a configured path wins over PATH.</summary>
    public static async Task<InstalledTool> DetectAsync(BackupToolKind kind, string? configuredPath, CancellationToken cancellationToken)
    {
        var name = kind == BackupToolKind.MariaBackup ? "mariabackup" : "xtrabackup";
        var path = ExecutableFinder.Find(string.IsNullOrWhiteSpace(configuredPath) ? name : configuredPath);
        if (path is null)
        {
            return new InstalledTool(kind, name, null, null,
                string.IsNullOrWhiteSpace(configuredPath) ? $"{name} not found on PATH" : $"{configuredPath} is not an executable file");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var result = await CommandResult.RunAsync(path, ["--version"], timeout.Token).ConfigureAwait(false);
            var version = ParseVersion(result.StandardError + result.StandardOutput);
            return result.Succeeded && version is not null
                ? new InstalledTool(kind, name, path, version, null)
                : new InstalledTool(kind, name, path, version, $"'{path} --version' exited {result.ExitCode}: {result.Tail(2)}");
        }
        catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception or IOException)
        {
            return new InstalledTool(kind, name, path, null, $"'{path} --version' failed: {e.Message}");
        }
    }

    /// <summary>
    /// "mariabackup based on MariaDB server 10.11.19-MariaDB debian-linux-gnu (x86_64)" -> 10.11.19;
    /// "xtrabackup version 8.0.35-30 based on MySQL server 8.0.35" -> 8.0.35-30.
    /// </summary>
    public static string? ParseVersion(string text)
    {
        var match = VersionPattern().Match(text ?? string.Empty);
        return match.Success ? match.Groups["v"].Value : null;
    }

    /// <summary>"10.11.19" -> 10.11.19; "8.0.35-30" -> 8.0.35 (the -30 is Percona's build number, not part of the MySQL version).</summary>
    public static Version? ToVersion(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var numbers = dash < 0 ? version : version[..dash];
        return System.Version.TryParse(numbers, out var parsed) ? parsed : null;
    }

    [GeneratedRegex(@"(?:server|version)\s+(?<v>\d+\.\d+\.\d+(?:-\d+)?)")]
    private static partial Regex VersionPattern();
}
