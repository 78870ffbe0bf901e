using MySql.Data.MySqlClient;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// Opens MySql.Data connections that survive MariaDB 10.11. MySql.Data 8.0.16 does not know
/// MariaDB's collation ids (e.g. 2304) nor the name 'utf8mb3': the first SHOW or VERSION()
/// result then throws KeyNotFoundException and the connection dies. Asking the server to send
/// results as utf8mb4 before anything else avoids both (docs/decisions/0001).
/// </summary>
public static class ServerConnection
{
    public static async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = new MySqlCommand("SET character_set_results = utf8mb4", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for a unix socket; no password (local sandbox and test servers only).</summary>
    public static string ForSocket(string socketPath, string user, string? database = null)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = socketPath,
            ConnectionProtocol = MySqlConnectionProtocol.Unix,
            UserID = user,
            SslMode = MySqlSslMode.None,
            Pooling = false,
        };
        if (database is not null)
        {
            builder.Database = database;
        }

        return builder.ConnectionString;
    }

    public static async Task<string?> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
