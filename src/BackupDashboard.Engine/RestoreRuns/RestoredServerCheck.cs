using System.Globalization;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Proves a restored datadir works: starts a temporary mariadbd on it (loopback, a free port, its
/// own socket and pid file outside the datadir, run as the current user), runs CHECK TABLE over
/// every InnoDB table, and shuts it down.
/// </summary>
public static class RestoredServerCheck
{
    public static async Task<TableCheckReport> RunAsync(string dataDir, ILogger logger, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("bdash-verify-");
        try
        {
            await using var server = await LocalMariaDbServer.StartAsync(new LocalServerLayout(scratch.FullName, dataDir), logger, cancellationToken).ConfigureAwait(false);
            await using var connection = await ServerConnection.OpenAsync(server.ConnectionString(), cancellationToken).ConfigureAwait(false);
            var tables = await InnoDbTablesAsync(connection, cancellationToken).ConfigureAwait(false);
            var problems = new List<string>();
            foreach (var table in tables)
            {
                problems.AddRange(await CheckAsync(connection, table, cancellationToken).ConfigureAwait(false));
            }

            return new TableCheckReport(tables.Count, problems);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> InnoDbTablesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(
            "SELECT CONCAT('`', REPLACE(table_schema, '`', '``'), '`.`', REPLACE(table_name, '`', '``'), '`') FROM information_schema.tables " +
            "WHERE engine = 'InnoDB' AND table_type = 'BASE TABLE' ORDER BY table_schema, table_name", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(reader.GetString(0));
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
