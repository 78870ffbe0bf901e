using BackupDashboard.Engine.Jobs;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash backup, backups, chain: run backups and look at what the catalog holds.</summary>
internal static class BackupCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Backup();
        yield return Backups();
        yield return Chain();
    }

    private static Command Backup()
    {
        var server = new Argument<string>("server") { Description = "The registered server to back up." };
        var full = new Option<bool>("--full") { Description = "A full backup." };
        var incremental = new Option<bool>("--incremental") { Description = "An incremental from the newest good backup (or --base)." };
        var baseId = new Option<string?>("--base") { Description = "The backup id an incremental builds on." };
        var lsn = new Option<ulong?>("--incremental-lsn") { Description = "Copy every page newer than this LSN (cumulative)." };
        var parallel = new Option<int>("--parallel") { Description = "Copy threads.", DefaultValueFactory = _ => 1 };
        var pageTracking = new Option<bool>("--page-tracking") { Description = "Let XtraBackup >= 8.0.27 read changed pages from the mysqlbackup component." };
        var forceScan = new Option<bool>("--incremental-force-scan")
        {
            Description = "Make XtraBackup before 8.0.30 read every page instead of Percona Server's changed page bitmaps (refused with the reason by other tools).",
        };
        var databases = new Option<string?>("--databases") { Description = "A partial backup (with --full) of only these databases, separated by spaces (db or db.table)." };
        var tables = new Option<string?>("--tables") { Description = "A partial backup (with --full) of only the tables whose db.table matches this regex." };
        var tablesExclude = new Option<string?>("--tables-exclude") { Description = "A partial backup (with --full) without the tables whose db.table matches this regex." };
        var json = new Option<bool>("--json") { Description = "Print the backup record as JSON." };
        var command = new Command("backup", "Take a full or incremental backup, or a partial one of some databases or tables.")
        {
            server, full, incremental, baseId, lsn, parallel, pageTracking, forceScan, databases, tables, tablesExclude, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(full) == parse.GetValue(incremental) || (parse.GetValue(full) && (parse.GetValue(baseId) is not null || parse.GetValue(lsn) is not null)))
            {
                await error.WriteLineAsync("Say exactly one of --full or --incremental (--base and --incremental-lsn go with --incremental).").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(full) && parse.GetValue(forceScan))
            {
                await error.WriteLineAsync("--incremental-force-scan goes with --incremental: a full reads every page anyway.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var filter = PartialFilter.Of(parse.GetValue(databases), parse.GetValue(tables), parse.GetValue(tablesExclude));
            if (filter is not null && (!parse.GetValue(full) || filter.Problem(BackupOrder.OptionName) is not null))
            {
                await error.WriteLineAsync(filter.Problem(BackupOrder.OptionName)?.Problem
                    ?? "--databases, --tables and --tables-exclude take a partial backup, which is a full one: say --full (an incremental after a partial backup may be inconsistent).").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var order = new BackupOrder(parse.GetValue(full) ? BackupKind.Full : BackupKind.Incremental, parse.GetValue(baseId), parse.GetValue(lsn),
                parse.GetValue(parallel), parse.GetValue(pageTracking), parse.GetValue(forceScan), filter);
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var bar = new ProgressBar(error, enabled: !parse.GetValue(json) && !Console.IsErrorRedirected);
            try
            {
                // Refusals (exit 2) come before the run is in the job history; a run that starts is recorded, whatever its end.
                var willRun = await host.Runner.CheckAsync(parse.GetValue(server)!, order, cancellationToken).ConfigureAwait(false);
                foreach (var warning in BackupWarnings.ForOrder(willRun))
                {
                    await error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
                }

                var record = await host.Jobs.RecordAsync(JobKind.Backup, parse.GetValue(server)!, JobTrigger.Cli,
                    token => host.Runner.RunAsync(parse.GetValue(server)!, order, bar, token), (r, _) => BackupJobEnding.Of(r), cancellationToken).ConfigureAwait(false);
                bar.Finish();
                await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(BackupView.From(record), CliJson.Options) : Describe(record)).ConfigureAwait(false);
                if (record.Problem is not null && !parse.GetValue(json))
                {
                    await error.WriteLineAsync(record.Problem).ConfigureAwait(false);
                }

                foreach (var warning in parse.GetValue(json) ? [] : (IEnumerable<string>)BackupWarnings.ForBackup(record))
                {
                    await error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
                }

                return record.TookWhatWasAsked ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (BackupRefusedException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static Command Backups()
    {
        var server = new Argument<string>("server");
        var json = new Option<bool>("--json");
        var command = new Command("backups", "List a server's backups.") { server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var backups = await host.Backups.ListAsync(parse.GetValue(server)!, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(backups.Select(BackupView.From), CliJson.Options)
                : Table(backups)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Chain()
    {
        var server = new Argument<string>("server");
        var json = new Option<bool>("--json");
        var command = new Command("chain", "Show a server's backup chains and whether each link holds.") { server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var name = parse.GetValue(server)!;
            var chains = ChainBuilder.Build(await host.Backups.ListAsync(name, cancellationToken).ConfigureAwait(false));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new ChainsView(name, chains.Select(ChainView.From).ToList()), CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            foreach (var chain in chains)
            {
                await output.WriteLineAsync($"Chain from {chain.Backups[0].Id}: {(chain.Valid ? "valid" : "NOT VALID")}").ConfigureAwait(false);
                foreach (var reason in chain.Reasons)
                {
                    await output.WriteLineAsync($"  ! {reason}").ConfigureAwait(false);
                }

                await output.WriteLineAsync(Table(chain.Backups)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(BackupRecord r) => r.IsGoodPartial
        ? $"Partial backup {r.Id} ({r.Filter!.Describe()}) succeeded: to_lsn {r.ToLsn}, {r.Bytes:N0} bytes in {r.TargetDir}. It is never a base nor a whole-server restore point; its tables are imported one by one (bdash restore {r.Id} --plan)."
        : r.IsGood
        ? $"Backup {r.Id} ({BackupView.TypeName(r.Kind)}) succeeded: from_lsn {r.FromLsn}, to_lsn {r.ToLsn}, last_lsn {r.LastLsn}, {r.Bytes:N0} bytes in {r.TargetDir}"
        : $"Backup {r.Id} FAILED; its files are kept for inspection in {r.Directory}";

    private static string Table(IReadOnlyList<BackupRecord> backups) => backups.Count == 0
        ? "No backups."
        : TextTable.Format(["ID", "TYPE", "PARENT", "FROM_LSN", "TO_LSN", "LAST_LSN", "STATUS", "VERIFY", "MYROCKS"],
            backups.Select(b => (IReadOnlyList<string>)new[]
            {
                b.Id, BackupView.TypeName(b.Kind), b.ParentId ?? "-", Lsn(b.FromLsn), Lsn(b.ToLsn), Lsn(b.LastLsn),
                b.Status.ToString().ToLowerInvariant() + (b.Partial ? b.Filter is { } filter ? $" (partial: {filter.Describe()})" : " (partial)" : ""),
                b.Verification?.State ?? "-",
                MyRocks(b),
            }));

    /// <summary>The MyRocks bytes the backup holds, copied whole, and their share: "1,234,567 (63 %)", "0", or "-" when its folder is gone.</summary>
    private static string MyRocks(BackupRecord b) => MyRocksShare.Of(b) is not { } share ? "-"
        : share.OfBackup is { } part && share.Bytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{share.Bytes:N0} ({part:P0})")
        : share.Bytes.ToString("N0", CultureInfo.InvariantCulture);

    private static string Lsn(ulong? lsn) => lsn?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
