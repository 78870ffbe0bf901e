using System.CommandLine;
using System.Text.Json;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using MySqlConnector;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash server add|list|test|remove|tracking: the registered servers.</summary>
internal static class ServerCommands
{
    public static Command Create()
    {
        var server = new Command("server", "Registered database servers.");
        server.Subcommands.Add(List());
        server.Subcommands.Add(Add());
        server.Subcommands.Add(Test());
        server.Subcommands.Add(Remove());
        server.Subcommands.Add(TrackingCommand.Create());
        return server;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name");
        var withBackups = new Option<bool>("--with-backups")
        {
            Description = "Also delete every backup of the server, chain by chain as retention does (recorded in the retention history). Without it they stay.",
        };
        var command = new Command("remove", "Forget a server and its schedule; its backups stay in the repository and the catalog unless --with-backups.") { name, withBackups };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await ServerCheck.RegisteredAsync(host, parse.GetValue(name)!, error, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            try
            {
                var removed = await host.Removal.RemoveAsync(parse.GetValue(name)!, parse.GetValue(withBackups), $"{Environment.UserName} (bdash)", cancellationToken).ConfigureAwait(false);
                await (removed.Removed ? parse.InvocationConfiguration.Output : error).WriteLineAsync(removed.Words).ConfigureAwait(false);
                return removed.Removed ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Engine.Retention.RetentionRefusedException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return e.Busy ? ExitCodes.Failed : ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the registered servers.") { json };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var servers = await host.Servers.ListAsync(cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? ToJson(servers) : ToTable(servers)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name");
        var hostOption = new Option<string?>("--host");
        var port = new Option<int?>("--port");
        var socket = new Option<string?>("--socket");
        var user = new Option<string>("--user") { Required = true };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "A file whose first line is the password (never pass it on the command line)." };
        var dataDir = new Option<string>("--datadir") { Required = true };
        var tool = new Option<string>("--tool") { DefaultValueFactory = _ => "mariabackup" };
        tool.AcceptOnlyFromAmong("mariabackup", "xtrabackup");
        var toolPath = new Option<string?>("--tool-path");
        var add = new Command("add", "Register a server.") { name, hostOption, port, socket, user, passwordFile, dataDir, tool, toolPath };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var viaSocket = parse.GetValue(socket) is not null;
            if (viaSocket == (parse.GetValue(hostOption) is not null) || (!viaSocket && parse.GetValue(port) is null))
            {
                await error.WriteLineAsync("Say how to reach the server: --host H --port P, or --socket S.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            string? password = null;
            if (parse.GetValue(passwordFile) is { } file)
            {
                if (!file.Exists)
                {
                    await error.WriteLineAsync($"Password file {file.FullName} does not exist.").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                password = (await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false)).FirstOrDefault() ?? "";
            }

            var registered = new RegisteredServer
            {
                Name = parse.GetValue(name)!,
                Host = parse.GetValue(hostOption),
                Port = parse.GetValue(port),
                SocketPath = parse.GetValue(socket),
                User = parse.GetValue(user)!,
                DataDir = parse.GetValue(dataDir)!,
                Tool = parse.GetValue(tool) == "xtrabackup" ? BackupToolKind.XtraBackup : BackupToolKind.MariaBackup,
                ToolPath = parse.GetValue(toolPath),
            };
            if (ServerRegistrationCheck.Problem(registered) is var (field, problem))
            {
                // The name is an argument; every other field is the option of the same name.
                await error.WriteLineAsync(field == "name" ? problem : $"--{field.Replace('_', '-')}: {problem}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (ServerRegistrationCheck.PasswordProblem(password) is { } badPassword)
            {
                await error.WriteLineAsync($"--password-file: {badPassword}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await host.Servers.AddAsync(registered, password, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Registered {registered.Name} ({registered.Endpoint}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return add;
    }

    private static Command Test()
    {
        var name = new Argument<string>("name");
        var json = new Option<bool>("--json");
        var test = new Command("test", "Connect to a server and check what backups need.") { name, json };
        test.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var server = await host.Servers.FindAsync(parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            var error = parse.InvocationConfiguration.Error;
            if (server is null)
            {
                await error.WriteLineAsync($"No server named '{parse.GetValue(name)}' is registered.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            try
            {
                var password = await host.Servers.GetPasswordAsync(server.Name, cancellationToken).ConfigureAwait(false);
                var report = await ServerProbe.TestAsync(server, password, await host.Backups.ListAsync(server.Name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(report, CliJson.Options)
                    : Describe(server, report)).ConfigureAwait(false);
                return report.ReadyForBackups ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (MySqlException e)
            {
                await error.WriteLineAsync($"Cannot connect to {server.Name} ({server.Endpoint}) as {server.User}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return test;
    }

    private static string Describe(RegisteredServer server, ServerReport r) => string.Join(Environment.NewLine,
        $"{server.Name}: {r.Version}",
        $"  datadir {r.DataDir}, page size {r.PageSize}, checksums {r.ChecksumAlgorithm}, current LSN {r.CurrentLsn}",
        r.PageTracking is { } tracking ? $"  page tracking: {tracking.Summary}"
            : r.IsMariaDb ? "  page tracking: not applicable (MariaDB)" : $"  page tracking: {(r.PageTrackingInstalled ? $"installed, start LSN {r.PageTrackingStartLsn}" : "not installed")}",
        r.ToolProblem is null ? $"  tool: {r.ToolName} {r.ToolVersion} ({r.ToolPath})" : $"  TOOL PROBLEM: {r.ToolProblem}",
        r.MissingPrivileges.Count == 0 ? "  privileges: all the backup tool needs" : $"  MISSING privileges: {string.Join(", ", r.MissingPrivileges)} (GRANT them ON *.* to {server.User})");

    private static string ToJson(IReadOnlyList<RegisteredServer> servers) =>
        JsonSerializer.Serialize(servers.Select(s => new
        {
            name = s.Name,
            host = s.Host,
            port = s.Port,
            socket = s.SocketPath,
            user = s.User,
            datadir = s.DataDir,
            tool = s.Tool.ToString().ToLowerInvariant(),
            tool_path = s.ToolPath,
            has_password = s.HasPassword,
            sandbox = s.IsSandbox,
        }), CliJson.Options);

    private static string ToTable(IReadOnlyList<RegisteredServer> servers) => servers.Count == 0
        ? "No servers registered."
        : TextTable.Format(["NAME", "ENDPOINT", "USER", "TOOL", "DATADIR"],
            servers.Select(s => (IReadOnlyList<string>)[s.Name, s.Endpoint, s.User, s.Tool.ToString(), s.DataDir]));
}
