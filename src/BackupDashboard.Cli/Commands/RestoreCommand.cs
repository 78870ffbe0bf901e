using BackupDashboard.Engine.Jobs;
using System.CommandLine;
using System.Text.Json;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// bdash restore ID (--plan | --runbook | --datadir DIR): the prepare-and-restore plan for a
/// restore point, as JSON or a table, as a shell script, or carried out.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("backup-id") { Description = "The restore point: any good backup of a valid chain, by its id or as server/id." };
        var plan = new Option<bool>("--plan") { Description = "Show the steps without running them." };
        var runbook = new Option<bool>("--runbook") { Description = "Print the plan as a bash script to run by hand." };
        var dataDir = new Option<string?>("--datadir") { Description = "Where the restored files go (default for --plan/--runbook: the server's datadir)." };
        var moveBack = new Option<bool>("--move-back") { Description = "Move the prepared files instead of copying them." };
        var inPlace = new Option<bool>("--in-place") { Description = "Prepare the stored chain itself: no working copy, and the chain is used up." };
        var verify = new Option<bool>("--verify") { Description = "Start a temporary server on the result and CHECK TABLE every InnoDB table." };
        var owner = new Option<string>("--owner") { Description = "chown -R the datadir to this user:group.", DefaultValueFactory = _ => "mysql:mysql" };
        var scratch = new Option<string?>("--scratch") { Description = "Where the working copy goes (default: DATADIR.restore-work)." };
        var json = new Option<bool>("--json");
        var command = new Command("restore", "Plan or carry out a restore.") { id, plan, runbook, dataDir, moveBack, inPlace, verify, owner, scratch, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var carryOut = !parse.GetValue(plan) && !parse.GetValue(runbook);
            if (carryOut && parse.GetValue(dataDir) is null)
            {
                await error.WriteLineAsync("Say where to restore with --datadir DIR (or ask for --plan or --runbook).").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var target = parse.GetValue(dataDir) ?? await DefaultDataDirAsync(host, parse.GetValue(id)!, cancellationToken).ConfigureAwait(false);
                var options = new RestoreOptions(target, parse.GetValue(moveBack), parse.GetValue(inPlace), parse.GetValue(verify), parse.GetValue(owner)!, parse.GetValue(scratch));
                var restorePlan = await host.Restorer.PlanAsync(parse.GetValue(id)!, options, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(runbook))
                {
                    await output.WriteAsync(RestoreRunbook.ToShellScript(restorePlan)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                if (!carryOut)
                {
                    await output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(RestorePlanView.From(restorePlan), CliJson.Options)
                        : RestoreText.Plan(restorePlan)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                // A partial backup's per-table import is shown (--plan, --runbook), never run here: exit 2 with why.
                restorePlan.RequireRunnable();
                // On a terminal the running step's bar is drawn from the runner's measures; written to a file, only each step's start.
                var terminal = !parse.GetValue(json) && !Console.IsErrorRedirected;
                var steps = new RestoreSteps(error, drawBars: terminal);
                var result = await host.Jobs.RecordAsync(JobKind.Restore, restorePlan.RestorePoint.Server, JobTrigger.Cli,
                    token => host.Restorer.RunAsync(restorePlan, parse.GetValue(json) ? null : steps, followSteps: terminal, token), OtherJobEndings.Restore, cancellationToken).ConfigureAwait(false);
                steps.EndBar();
                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(RestoreResultView.From(result), CliJson.Options)
                    : RestoreText.Result(result)).ConfigureAwait(false);
                return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (RestoreRefusedException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static async Task<string> DefaultDataDirAsync(CliHost host, string id, CancellationToken cancellationToken)
    {
        var point = await RestoreRunner.FindPointAsync(host.Backups, id, cancellationToken).ConfigureAwait(false);
        var server = await host.Servers.FindAsync(point.Server, cancellationToken).ConfigureAwait(false);
        return server?.DataDir ?? throw new RestoreRefusedException($"The server '{point.Server}' is no longer registered: say --datadir.");
    }
}
