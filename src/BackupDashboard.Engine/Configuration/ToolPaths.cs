using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Configuration;

/// <summary>
/// The "BackupDashboard:Tools" section: where the backup tools are, set by whoever installs the
/// product (empty: found on PATH). Which program runs as root with a server's credentials is
/// never something a web request chooses: the API and the UI only pick mariabackup or
/// xtrabackup, and this says which file that is (docs/tool-adapters.md, "Which program runs").
/// </summary>
public sealed class ToolPaths
{
    public string MariaBackup { get; set; } = "";

    public string XtraBackup { get; set; } = "";

    /// <summary>The configured program for <paramref name="kind"/>, or null to look on PATH.</summary>
    public string? For(BackupToolKind kind)
    {
        var path = kind == BackupToolKind.XtraBackup ? XtraBackup : MariaBackup;
        return string.IsNullOrWhiteSpace(path) ? null : path;
    }

    /// <summary>Refuses a configured path that is not absolute (PATH lookups are what empty is for).</summary>
    public void Validate()
    {
        foreach (var (key, path) in new[] { ("MariaBackup", MariaBackup), ("XtraBackup", XtraBackup) })
        {
            if (!string.IsNullOrWhiteSpace(path) && (!Path.IsPathFullyQualified(path) || path.Any(char.IsControl)))
            {
                throw new InvalidOperationException($"{BackupDashboardOptions.SectionName}:Tools:{key} must be an absolute path to the program (or empty to find it on PATH).");
            }
        }
    }
}
