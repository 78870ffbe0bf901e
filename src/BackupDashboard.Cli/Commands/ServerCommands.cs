using System.CommandLine;
using System.Text.Json;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash server …: the registered servers.</summary>
internal static class ServerCommands
{
    public static Command Create()
    {
        var server = new Command("server", "Registered database servers.");
        var list = new Command("list", "List the registered servers.");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        list.Options.Add(json);
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var servers = await host.Servers.ListAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(parse.GetValue(json) ? ToJson(servers) : ToTable(servers));
            return ExitCodes.Ok;
        });
        server.Subcommands.Add(list);
        return server;
    }

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
            sandbox = s.IsSandbox,
        }), CliJson.Options);

    private static string ToTable(IReadOnlyList<RegisteredServer> servers)
    {
        if (servers.Count == 0)
        {
            return "No servers registered.";
        }

        var rows = servers.Select(s => (s.Name, s.Endpoint, s.DataDir, Tool: s.Tool.ToString())).ToList();
        var nameWidth = Math.Max(4, rows.Max(r => r.Name.Length));
        var endpointWidth = Math.Max(8, rows.Max(r => r.Endpoint.Length));
        var lines = new List<string> { $"{"NAME".PadRight(nameWidth)}  {"ENDPOINT".PadRight(endpointWidth)}  TOOL         DATADIR" };
        lines.AddRange(rows.Select(r => $"{r.Name.PadRight(nameWidth)}  {r.Endpoint.PadRight(endpointWidth)}  {r.Tool,-11}  {r.DataDir}"));
        return string.Join(Environment.NewLine, lines);
    }
}
