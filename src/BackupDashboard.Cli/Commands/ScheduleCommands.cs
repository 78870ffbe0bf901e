using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackupDashboard.Engine.Schedules;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash schedule set|show|remove: when a server's backups run (docs/schedules.md). The running dashboard picks changes up by itself.</summary>
internal static class ScheduleCommands
{
    public static Command Create()
    {
        var schedule = new Command("schedule", "When a server's full and incremental backups run (carried out by the dashboard).");
        schedule.Subcommands.Add(Set());
        schedule.Subcommands.Add(Show());
        schedule.Subcommands.Add(Remove());
        return schedule;
    }

    private static Command Set()
    {
        var server = new Argument<string>("server");
        var fullWeekly = new Option<string?>("--full-weekly") { Description = "A full once a week: DAY@HH:MM (sun@02:00)." };
        var incrementalDaily = new Option<string?>("--incremental-daily") { Description = "With --full-weekly: an incremental at HH:MM on the other six days." };
        var fullDaily = new Option<string?>("--full-daily") { Description = "A full every day at HH:MM." };
        var incrementalEvery = new Option<int?>("--incremental-every-hours") { Description = "With --full-daily: an incremental every N hours (1-23) from the full's time." };
        var fullCron = new Option<string?>("--full-cron") { Description = "Fulls as a cron expression (minute hour day month weekday)." };
        var incrementalCron = new Option<string?>("--incremental-cron") { Description = "With --full-cron: incrementals as a cron expression." };
        var timeZone = new Option<string?>("--time-zone") { Description = "The time zone the times are read in (IANA name; default UTC)." };
        var rehearsalCron = new Option<string?>("--rehearsal-cron") { Description = "Rehearse a restore of the newest restore point (cron, in the same time zone; docs/rehearsals.md)." };
        var json = new Option<bool>("--json");
        var command = new Command("set", "Set a server's backup schedule.") { server, fullWeekly, incrementalDaily, fullDaily, incrementalEvery, fullCron, incrementalCron, timeZone, rehearsalCron, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var name = parse.GetValue(server)!;
            var request = new ScheduleRequest(parse.GetValue(fullWeekly), parse.GetValue(incrementalDaily), parse.GetValue(fullDaily),
                parse.GetValue(incrementalEvery), parse.GetValue(fullCron), parse.GetValue(incrementalCron), parse.GetValue(timeZone), parse.GetValue(rehearsalCron));
            var (schedule, field, problem) = request.Resolve(name);
            if (schedule is null)
            {
                await error.WriteLineAsync($"bdash: {Option(field!)}: {problem}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            await host.Schedules.SaveAsync(schedule, cancellationToken).ConfigureAwait(false);
            await Print(parse, ScheduleView.From(schedule, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var server = new Argument<string>("server");
        var json = new Option<bool>("--json");
        var command = new Command("show", "Show a server's backup schedule and its next fires.") { server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(server)!;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            if (await host.Schedules.FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } schedule)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"bdash: '{name}' has no backup schedule: set one with bdash schedule set {name} ….").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await Print(parse, ScheduleView.From(schedule, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var server = new Argument<string>("server");
        var command = new Command("remove", "Remove a server's backup schedule (its backups stay).") { server };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(server)!;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, name, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var removed = await host.Schedules.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(removed ? $"Schedule of {name} removed; its backups stay." : $"{name} had no schedule.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task Print(ParseResult parse, ScheduleView view)
    {
        if (parse.GetValue<bool>("--json"))
        {
            return parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(view, CliJson.Options));
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Schedule of {view.Server} ({view.TimeZone}): fulls '{view.FullCron}', incrementals '{view.IncrementalCron ?? "none"}', rehearsals '{view.RehearsalCron ?? "none"}'.\nNext:\n");
        foreach (var fire in view.NextFires)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {fire.Local:yyyy-MM-dd HH:mm zzz}  {fire.Type}\n");
        }

        return parse.InvocationConfiguration.Output.WriteLineAsync(text.ToString().TrimEnd());
    }

    private static string Option(string field) => field switch
    {
        "full" => "--full-weekly/--full-daily/--full-cron",
        "time_zone" => "--time-zone",
        "incremental_every_hours" => "--incremental-every-hours",
        _ => "--" + field.Replace('_', '-'),
    };
}
