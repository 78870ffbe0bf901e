using System.Text.RegularExpressions;

namespace BackupDashboard.Engine.Tools;

/// <summary>A backup tool found on this machine, and the version it reports.</summary>
public sealed partial record InstalledTool(BackupToolKind Kind, string Name, string? Path, string? Version, string? Problem)
{
    public bool Found => Path is not null && Problem is null;

    /// <summary>Looks the tool up on PATH and asks it for --version (both tools print it on stderr).</summary>
    public static async Task<InstalledTool> DetectAsync(BackupToolKind kind, CancellationToken cancellationToken)
    {
        var name = kind == BackupToolKind.MariaBackup ? "mariabackup" : "xtrabackup";
        var path = ExecutableFinder.Find(name);
        if (path is null)
        {
            return new InstalledTool(kind, name, null, null, $"{name} not found on PATH");
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

    [GeneratedRegex(@"(?:server|version)\s+(?<v>\d+\.\d+\.\d+(?:-\d+)?)")]
    private static partial Regex VersionPattern();
}
