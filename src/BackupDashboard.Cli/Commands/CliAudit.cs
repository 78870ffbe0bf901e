using System.Globalization;
using BackupDashboard.Catalog;
using Microsoft.Data.Sqlite;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// bdash verbs that change something go into the audit log (docs/audit.md) once they have run:
/// who (the operator behind sudo, else the user), "cli", "local", the command line (bdash takes
/// no secret on it: passwords come from files or stdin, or are generated) and the exit code.
/// Verbs that only read are not recorded; a catalog that does not exist yet (nothing was ever set
/// up) is not created for it.
/// </summary>
internal static class CliAudit
{
    public static bool Changes(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = args.Length > 0 ? args[0] : "";
        var sub = args.Length > 1 ? args[1] : "";
        return verb switch
        {
            "backup" => true,
            "restore" => !args.Contains("--plan") && !args.Contains("--runbook"),
            "server" => sub is "add" or "remove",
            "catalog" => sub == "rebuild",
            "schedule" => sub is "set" or "remove",
            "retention" => sub == "set" || (sub == "run" && !args.Contains("--dry-run")),
            "jobs" => sub == "cancel",
            "rehearsal" => sub == "run",
            "user" => sub is "add" or "remove" or "passwd" or "role",
            _ => false,
        };
    }

    public static async Task RecordAsync(string[] args, int exitCode)
    {
        try
        {
            var (_, _, dataFolder) = CliHost.Settings();
            if (!File.Exists(dataFolder.CatalogFile))
            {
                return;
            }

            var who = Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo ? $"{sudo} (sudo as {Environment.UserName})" : Environment.UserName;
            await new CatalogAudit(dataFolder.CatalogFile, TimeProvider.System).AppendAsync(who, "cli", "local", "bdash " + string.Join(' ', args),
                exitCode.ToString("'exit '0", CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"bdash: the audit log could not record this command: {e.Message}").ConfigureAwait(false);
        }
    }
}
