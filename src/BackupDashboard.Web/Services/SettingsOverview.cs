using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Tools;
using Microsoft.Extensions.Options;

namespace BackupDashboard.Web.Services;

/// <summary>One setting as it is in effect: its value in words, and the configuration key that changes it.</summary>
public sealed record SettingRow(string Name, string Value, string? Key);

/// <summary>
/// What the Settings page shows: the settings in effect (the keys are listed in the README), read-only.
/// They change in appsettings.json or the environment, and take effect at the next start: a page
/// that changed where backups go or which program runs as root would be a way around both the
/// installer's choice and the access rules.
/// </summary>
internal sealed class SettingsOverview(IOptions<BackupDashboardOptions> options, DataFolder dataFolder, Jobs.JobsOptions jobs, IWebHostEnvironment environment,
    IConfiguration configuration, Engine.Backups.BackupRepository repository)
{
    public async Task<IReadOnlyList<SettingRow>> ReadAsync(CancellationToken cancellationToken)
    {
        var section = BackupDashboardOptions.SectionName;
        var settings = options.Value;
        var rows = new List<SettingRow>
        {
            new("Data folder", dataFolder.Root, $"{section}:DataDir"),
            new("Backups (the repository)", repository.Root, $"{section}:Repository"),
            new("Catalog", dataFolder.CatalogFile, null),
            new("Job store (Hangfire)", jobs.Describe(dataFolder), $"{section}:Jobs:Storage"),
        };
        foreach (var kind in new[] { BackupToolKind.MariaBackup, BackupToolKind.XtraBackup })
        {
            var configured = settings.Tools.For(kind);
            var tool = await InstalledTool.DetectAsync(kind, configured, cancellationToken).ConfigureAwait(false);
            var found = tool.Found ? $"{tool.Name} {tool.Version} at {tool.Path}" : tool.Problem ?? $"{tool.Name}: not found";
            rows.Add(new(tool.Name, $"{found} ({(configured is null ? "found on PATH" : "the configured path")})",
                $"{section}:Tools:{(kind == BackupToolKind.XtraBackup ? "XtraBackup" : "MariaBackup")}"));
        }

        rows.Add(new("First admin", settings.AdminUser, $"{section}:AdminUser"));
        rows.Add(new("Sandbox", settings.Sandbox, $"{section}:Sandbox"));
        rows.Add(new("Allowed hosts", configuration["AllowedHosts"] is { Length: > 0 } hosts ? hosts : "(any)", "AllowedHosts"));
        rows.Add(new("Environment", environment.EnvironmentName, "ASPNETCORE_ENVIRONMENT"));
        rows.Add(new("Configuration file", Path.Combine(environment.ContentRootPath, "appsettings.json"), null));
        return rows;
    }
}
