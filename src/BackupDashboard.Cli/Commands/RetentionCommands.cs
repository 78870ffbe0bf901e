using BackupDashboard.Engine.Jobs;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackupDashboard.Engine.Retention;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash retention set|show|run: how many chains to keep, and deleting the rest (docs/retention.md).</summary>
internal static class RetentionCommands
{
    public static Command Create()
    {
        var retention = new Command("retention", "Keep N chains and/or D days of a server's backups; delete whole chains beyond that.");
        retention.Subcommands.Add(Set());
        retention.Subcommands.Add(Show());
        retention.Subcommands.Add(Run());
        return retention;
    }

    private static Command Set()
    {
        var server = new Argument<string>("server");
        var chains = new Option<int?>("--keep-chains") { Description = "Keep the newest N chains (1 or more)." };
        var days = new Option<int?>("--keep-days") { Description = "Keep every chain needed to restore to any moment of the last D days (1 or more)." };
        var json = new Option<bool>("--json");
        var command = new Command("set", "Set a server's retention policy (nothing is deleted until retention run).") { server, chains, days, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var name = parse.GetValue(server)!;
            var policy = new RetentionPolicy(parse.GetValue(chains), parse.GetValue(days));
            if (policy.Problems() is [var (field, problem), ..])
            {
                await error.WriteLineAsync($"bdash: --{field.Replace('_', '-')}: {problem}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            await host.Retention.SavePolicyAsync(name, policy, cancellationToken).ConfigureAwait(false);
            var view = RetentionPolicyView.From(name, policy);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(view, CliJson.Options)
                : $"Retention for {name}: {view.Says}. Run bdash retention run {name} --dry-run to see what it would delete.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var server = new Argument<string>("server");
        var json = new Option<bool>("--json");
        var command = new Command("show", "Show a server's retention policy and the chains retention deleted.") { server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(server)!;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var policy = RetentionPolicyView.From(name, await host.Retention.FindPolicyAsync(name, cancellationToken).ConfigureAwait(false));
            var deletions = (await host.Retention.ListDeletionsAsync(name, cancellationToken).ConfigureAwait(false)).Select(DeletionView.From).ToList();
            var text = new StringBuilder($"Retention for {name}: {policy.Says}.\n");
            text.Append(deletions.Count == 0 ? "Nothing deleted yet.\n" : TextTable.Format(["WHEN", "CHAIN", "BACKUPS", "FREED", "WHO", "WHY"],
                deletions.Select(d => (IReadOnlyList<string>)[Time(d.At), d.FullId, Count(d.BackupIds.Count), Bytes(d.BytesFreed), d.Who, d.Why])));
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new RetentionShowView(policy, deletions), CliJson.Options)
                : text.ToString().TrimEnd()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Run()
    {
        var server = new Argument<string>("server");
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted and why; delete nothing." };
        var json = new Option<bool>("--json");
        var command = new Command("run", "Delete the whole chains the server's policy no longer keeps.") { server, dryRun, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            RetentionResult result;
            try
            {
                result = await host.Jobs.RunRetentionAsync(host.RetentionRunner, host.Retention, parse.GetValue(server)!, parse.GetValue(dryRun),
                    $"{Environment.UserName} (bdash)", JobTrigger.Cli, cancellationToken).ConfigureAwait(false);
            }
            catch (RetentionRefusedException e)
            {
                await error.WriteLineAsync($"bdash: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var view = RetentionRunView.From(result);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(view, CliJson.Options) : Text(view)).ConfigureAwait(false);
            return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static string Text(RetentionRunView run)
    {
        var text = new StringBuilder();
        var verb = run.DryRun ? "would delete" : "deleted";
        text.Append(CultureInfo.InvariantCulture, $"Retention for {run.Server} ({run.Policy.Says}){(run.DryRun ? ", dry run: nothing was deleted" : "")}.\n");
        foreach (var chain in run.Deleted)
        {
            var outcome = chain.Problem is null ? verb : $"NOT deleted ({chain.Problem})";
            text.Append(CultureInfo.InvariantCulture, $"  {outcome}: chain {chain.FullId} ({Count(chain.BackupIds.Count)}, {Bytes(chain.Bytes ?? 0)}): {chain.Why}\n");
        }

        foreach (var chain in run.Kept)
        {
            text.Append(CultureInfo.InvariantCulture, $"  kept: chain {chain.FullId} ({Count(chain.BackupIds.Count)}): {chain.Why}\n");
        }

        foreach (var note in run.Notes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  note: {note}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{(run.DryRun ? "Would free" : "Freed")} {Bytes(run.BytesFreed)}.");
        return text.ToString();
    }

    private static string Count(int backups) => string.Create(CultureInfo.InvariantCulture, $"{backups} backup{(backups == 1 ? "" : "s")}");

    private static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
