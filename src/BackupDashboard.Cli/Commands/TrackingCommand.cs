using System.CommandLine;
using System.Text.Json;
using BackupDashboard.Engine.Servers;
using MySqlConnector;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// bdash server tracking NAME status|install|uninstall|start|stop|purge [--up-to LSN] [--json]:
/// MySQL's page tracking for XtraBackup 8.0.27+ (docs/tool-adapters.md, "Page tracking").
/// Exit 2 for a bad argument or a refused action (MariaDB, component not installed), 1 when the
/// server cannot be reached or answers with an error.
/// </summary>
internal static class TrackingCommand
{
    private static readonly string[] Actions = ["status", "install", "uninstall", "start", "stop", "purge"];

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The registered server." };
        var action = new Argument<string>("action") { Description = string.Join('|', Actions) };
        var upTo = new Option<ulong?>("--up-to") { Description = "purge: the LSN to purge tracking data up to (default: all of it)." };
        var json = new Option<bool>("--json");
        var command = new Command("tracking", "MySQL page tracking (the mysqlbackup component) for XtraBackup incrementals.") { name, action, upTo, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var verb = parse.GetValue(action)!;
            if (!Actions.Contains(verb, StringComparer.Ordinal))
            {
                await error.WriteLineAsync($"bdash: ACTION is one of {string.Join(", ", Actions)}, not '{verb}'.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(upTo) is { } lsn && (verb != "purge" || lsn == 0))
            {
                await error.WriteLineAsync("bdash: --up-to goes with purge and is an LSN above 0.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, parse.GetValue(name)!, error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var server = (await host.Servers.FindAsync(parse.GetValue(name)!, cancellationToken).ConfigureAwait(false))!;
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var password = await host.Servers.GetPasswordAsync(server.Name, cancellationToken).ConfigureAwait(false);
                var backups = await host.Backups.ListAsync(server.Name, cancellationToken).ConfigureAwait(false);
                if (verb == "status")
                {
                    var status = await PageTracking.StatusAsync(server, password, backups, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(status, CliJson.Options) : $"{server.Name}: page tracking {status.Summary}").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var change = await PageTracking.ChangeAsync(server, password, Enum.Parse<PageTrackingAction>(verb, ignoreCase: true), parse.GetValue(upTo), backups, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(change, CliJson.Options)
                    : $"{change.Message}{Environment.NewLine}{server.Name}: page tracking {change.Status.Summary}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (PageTrackingRefusedException e)
            {
                await error.WriteLineAsync($"bdash: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (MySqlException e)
            {
                await error.WriteLineAsync($"{server.Name} ({server.Endpoint}): {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
