using MySqlConnector;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// Opens MySqlConnector connections to the servers we back up and start. MySqlConnector speaks
/// utf8mb4 and knows MariaDB's collations, so a connection needs no preparation. Its
/// <c>ServerVersion</c> reads "5.5.5-10.11.…" on MariaDB: ask <c>SELECT VERSION()</c> instead.
/// </summary>
public static class ServerConnection
{
    public static async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
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
