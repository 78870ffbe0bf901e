using System.Globalization;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace BackupDashboard.Engine.Restores;

/// <summary>What the check server needs: where, which tool family made the files, as whom, with which settings.</summary>
public sealed record CheckServerRequest(string DataDir, string ToolFamily, string? RunAs, CheckServerOptions Options);

/// <summary>
/// Proves a restored datadir works: starts a temporary server on it (the family's own server
/// program, the backup's InnoDB and encryption settings, as the restore's owner when run by root
/// so that every file it creates belongs to that owner, no grant tables and no TCP: its socket,
/// pid file and log sit in a private temporary folder), runs CHECK TABLE over every InnoDB
/// table, and shuts it down (docs/restore-plans.md, "The check server").
/// </summary>
public static class RestoredServerCheck
{
    public static async Task<TableCheckReport> RunAsync(CheckServerRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var program = await CheckServerProgram.FindAsync(request.ToolFamily, cancellationToken).ConfigureAwait(false);
        var scratch = Directory.CreateTempSubdirectory("bdash-verify-");
        try
        {
            var layout = new LocalServerLayout(scratch.FullName, request.DataDir);
            Directory.CreateDirectory(layout.TmpDir);
            var runAs = Environment.UserName == "root" ? request.RunAs : null;
            if (runAs is not null)
            {
                // The server writes its socket, pid file, log and temporary files here after it has become the owner.
                var chown = await CommandResult.RunAsync("chown", ["-R", runAs, scratch.FullName], cancellationToken).ConfigureAwait(false);
                if (!chown.Succeeded)
                {
                    throw new InvalidOperationException($"chown -R {runAs} {scratch.FullName} failed: {chown.Tail()}");
                }
            }

            var settings = new LocalServerSettings
            {
                Program = program,
                // innodb=FORCE: without it a mariadbd whose InnoDB cannot start runs on without InnoDB, and finds no table to check.
                Options = [.. request.ToolFamily == "mariabackup" ? ["innodb=FORCE"] : Array.Empty<string>(), .. request.Options.Lines],
                RunAs = runAs,
                Private = true,
            };
            await using var server = await LocalMariaDbServer.StartAsync(layout, logger, cancellationToken, settings: settings).ConfigureAwait(false);
            await using var connection = await ServerConnection.OpenAsync(server.ConnectionString(), cancellationToken).ConfigureAwait(false);
            var keysLoaded = await ServerConnection.ScalarAsync(connection,
                "SELECT COUNT(*) FROM information_schema.plugins WHERE plugin_type = 'ENCRYPTION' AND plugin_status = 'ACTIVE'", cancellationToken).ConfigureAwait(false) != "0";
            var tables = await InnoDbTablesAsync(connection, cancellationToken).ConfigureAwait(false);
            var problems = new List<string>();
            var notChecked = new List<string>();
            foreach (var table in tables)
            {
                var found = await CheckAsync(connection, table.Quoted, cancellationToken).ConfigureAwait(false);
                if (found.Count > 0 && !keysLoaded && IsEncrypted(request.DataDir, table))
                {
                    // Without its keys InnoDB calls an encrypted page corrupted ("Please drop the table
                    // and recreate"); that says nothing about the restore.
                    notChecked.Add(table.Quoted);
                }
                else
                {
                    problems.AddRange(found);
                }
            }

            var notes = request.Options.Notes.ToList();
            if (request.Options.KeyManagement is { } plugins && !keysLoaded)
            {
                notes.Add($"the encryption plugin ({plugins}) recorded with the backup did not load in the check server: {KeyLines(server)}");
            }

            return new TableCheckReport(tables.Count, problems) { Unchecked = notChecked, Notes = notes };
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The table's own .ibd (file-per-table, a plain name: MariaDB encodes other characters in file
    /// names, and then no file is found and a failure stays a problem).
    /// </summary>
    private static bool IsEncrypted(string dataDir, InnoDbTable table)
    {
        var file = Path.Combine(dataDir, table.Schema, table.Name + ".ibd");
        return File.Exists(file) && InnoDb.Pages.PageEncryption.IsEncrypted(file);
    }

    private static string KeyLines(LocalMariaDbServer server)
    {
        var lines = server.ErrorLogTail(200).Split(Environment.NewLine)
            .Where(l => l.Contains("key", StringComparison.OrdinalIgnoreCase) || l.Contains("plugin", StringComparison.OrdinalIgnoreCase))
            .TakeLast(5).ToList();
        return lines.Count == 0 ? "its log says nothing about it" : string.Join(" | ", lines);
    }

    private sealed record InnoDbTable(string Schema, string Name)
    {
        public string Quoted => $"`{Schema.Replace("`", "``", StringComparison.Ordinal)}`.`{Name.Replace("`", "``", StringComparison.Ordinal)}`";
    }

    private static async Task<List<InnoDbTable>> InnoDbTablesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(
            "SELECT table_schema, table_name FROM information_schema.tables " +
            "WHERE engine = 'InnoDB' AND table_type = 'BASE TABLE' ORDER BY table_schema, table_name", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tables = new List<InnoDbTable>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(new InnoDbTable(reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }

    /// <summary>CHECK TABLE answers rows of (Table, Op, Msg_type, Msg_text); anything but "status OK" is reported.</summary>
    private static async Task<List<string>> CheckAsync(MySqlConnection connection, string table, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand($"CHECK TABLE {table}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var type = Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture);
            var text = Convert.ToString(reader.GetValue(3), CultureInfo.InvariantCulture);
            if (!(type == "status" && text == "OK"))
            {
                problems.Add($"{table}: {type} {text}");
            }
        }

        return problems;
    }
}
