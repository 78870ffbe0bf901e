using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.Cli.PageVerbs;
using BackupDashboard.Engine.Jobs;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// bdash jobs [--server S] …, bdash jobs show ID, bdash jobs cancel ID: the job history
/// (docs/job-history.md). A cancel goes through the catalog, so it reaches the run wherever it
/// runs: this machine's dashboard, another bdash.
/// </summary>
internal static class JobCommands
{
    private static readonly string[] Headers = ["ID", "KIND", "SERVER", "TRIGGER", "STATE", "QUEUED (UTC)", "TOOK", "SUBJECT", "REASON"];

    public static Command Create()
    {
        var server = new Option<string?>("--server") { Description = "Only this server's runs." };
        var kind = new Option<string?>("--kind") { Description = "backup, restore, retention, verify or rehearsal." };
        var state = new Option<string?>("--state") { Description = "queued, running, succeeded, failed or cancelled." };
        var limit = new Option<int?>("--limit") { Description = $"How many, newest first (1-{JobQueryRequest.MaxLimit}; default 50)." };
        var json = new Option<bool>("--json");
        var jobs = new Command("jobs", "The job history: every backup, restore, retention, verify and rehearsal run, newest first.") { server, kind, state, limit, json };
        jobs.SetAction(async (parse, cancellationToken) =>
        {
            var (query, field, problem) = new JobQueryRequest(parse.GetValue(server), parse.GetValue(kind), parse.GetValue(state), parse.GetValue(limit)).Resolve();
            if (query is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"bdash: --{field}: {problem}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var runs = await host.Jobs.History.ListAsync(query, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(runs, CliJson.Options)
                : runs.Count == 0 ? "No runs recorded." : TextTable.Format(Headers, runs.Select(Row)).TrimEnd()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        jobs.Subcommands.Add(Show());
        jobs.Subcommands.Add(Cancel());
        return jobs;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id");
        var json = new Option<bool>("--json");
        var command = new Command("show", "One run, with its log.") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await FindAsync(host, parse.GetValue(id), parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) is not { } run)
            {
                return ExitCodes.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(run, CliJson.Options)
                : $"{TextTable.Format(Headers, [Row(run)]).TrimEnd()}\n{(run.Log is { Length: > 0 } log ? $"\n{log.TrimEnd()}" : "\n(no log)")}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<long>("id");
        var wait = new Option<bool>("--wait") { Description = "Wait until the run has stopped (at most a minute) and say how it ended." };
        var command = new Command("cancel", "Stop a queued or running run: a queued one never starts; a running one's tool is stopped (gracefully, then forcefully).") { id, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await FindAsync(host, parse.GetValue(id), error, cancellationToken).ConfigureAwait(false) is not { } run)
            {
                return ExitCodes.BadInput;
            }

            if (run.Ended)
            {
                await error.WriteLineAsync($"bdash: run {run.Id} already ended ({JobWords.Of(run.State)}); nothing to cancel.").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            run = await host.Jobs.History.RequestCancelAsync(run.Id, cancellationToken).ConfigureAwait(false) ?? run;
            var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
            while (parse.GetValue(wait) && !run.Ended && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                run = await host.Jobs.History.FindAsync(run.Id, cancellationToken).ConfigureAwait(false) ?? run;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(run.Ended
                ? $"Run {run.Id} ended: {JobWords.Of(run.State)}. {run.Reason}"
                : $"Run {run.Id}: cancel asked for; its process stops it within seconds (bdash jobs show {run.Id}).").ConfigureAwait(false);
            return parse.GetValue(wait) && !run.Ended ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<JobRun?> FindAsync(CliHost host, long id, TextWriter error, CancellationToken cancellationToken)
    {
        var run = await host.Jobs.History.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            await error.WriteLineAsync($"bdash: no run {id} in the job history (bdash jobs lists them).").ConfigureAwait(false);
        }

        return run;
    }

    private static IReadOnlyList<string> Row(JobRun r) =>
    [
        r.Id.ToString(CultureInfo.InvariantCulture), JobWords.Of(r.Kind), r.Server, JobWords.Of(r.Trigger),
        JobWords.Of(r.State) + (r.CancelRequested && !r.Ended ? " (cancelling)" : ""),
        r.QueuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        r.Duration is { } d ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-",
        r.Subject ?? "-", (r.Reason ?? "").Split('\n', 2)[0],
    ];
}
