using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.Cli.PageVerbs;
using BackupDashboard.Engine.Access;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash audit [--limit N] [--json]: the audit log, newest first (docs/audit.md). Read only: nothing in the product changes it.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var limit = new Option<int?>("--limit") { Description = "How many entries, newest first (1-10000; default 100)." };
        var json = new Option<bool>("--json");
        var command = new Command("audit", "Who did what, when, from where, with what outcome.") { limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) is < 1 or > 10_000)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("bdash: --limit: between 1 and 10000.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var entries = await host.Services.GetRequiredService<IAuditLog>().ListAsync(parse.GetValue(limit) ?? 100, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(entries, CliJson.Options)
                : entries.Count == 0 ? "Nothing recorded yet."
                : TextTable.Format(["WHEN (UTC)", "WHO", "VIA", "FROM", "WHAT", "OUTCOME"], entries.Select(e => (IReadOnlyList<string>)
                    [e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Who, e.Via, e.Address, e.Action, e.Outcome])).TrimEnd())
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
