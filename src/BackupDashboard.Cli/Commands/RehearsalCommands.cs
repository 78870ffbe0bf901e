using System.CommandLine;
using System.Text.Json;
using BackupDashboard.Engine.Jobs;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// bdash rehearsal run|show SERVER: rehearse a restore of the newest restore point here and now,
/// or show the last one (docs/rehearsals.md). A run is recorded in the job history.
/// </summary>
internal static class RehearsalCommands
{
    public static Command Create()
    {
        var rehearsal = new Command("rehearsal", "Prove that the newest restore point restores: into a scratch folder, started, CHECK TABLE, cleaned up.");
        rehearsal.Subcommands.Add(Run());
        rehearsal.Subcommands.Add(Show());
        return rehearsal;
    }

    private static Command Run()
    {
        var server = new Argument<string>("server");
        var json = new Option<bool>("--json");
        var command = new Command("run", "Rehearse a restore of the server's newest restore point now; exit 0 only when it passed.") { server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(server)!;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var result = await host.Jobs.RecordAsync(JobKind.Rehearsal, name, JobTrigger.Cli, token => host.Rehearsals.RunAsync(name, token),
                (r, _) => RehearsalJobEnding.Of(r), cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(result, CliJson.Options)
                : $"Rehearsal of {name} {(result.Passed ? "passed" : "FAILED")}: {result.Reason}"
                  + (result.TimeToRestore is { } t ? $" (restored in {t.TotalSeconds:0.0} s)" : "")).ConfigureAwait(false);
            return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static Command Show()
    {
        var server = new Argument<string>("server");
        var json = new Option<bool>("--json");
        var command = new Command("show", "The server's last rehearsal, from the job history.") { server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(server)!;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            if ((await host.Jobs.History.ListAsync(new JobQuery(name, JobKind.Rehearsal, Limit: 1), cancellationToken).ConfigureAwait(false)) is not [var last])
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"bdash: '{name}' has not been rehearsed yet (bdash rehearsal run {name}).").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(last, CliJson.Options)
                : $"Last rehearsal of {name}: {JobWords.Of(last.State)} at {last.EndedAt ?? last.QueuedAt:u}: {last.Reason}"
                  + (last.TimeToRestoreSeconds is { } s ? $" (restored in {s:0.0} s)" : "")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
