using MySqlConnector;

namespace BackupDashboard.Engine.Servers;

/// <summary>How MySqlConnector reaches a registered server: its socket, or host and port.</summary>
public static class ServerConnectionString
{
    public static string For(RegisteredServer server, string? password)
    {
        ArgumentNullException.ThrowIfNull(server);
        var builder = new MySqlConnectionStringBuilder
        {
            UserID = server.User,
            SslMode = MySqlSslMode.None,
            Pooling = false,
            ConnectionTimeout = 10,
        };
        if (server.SocketPath is not null)
        {
            builder.Server = server.SocketPath;
            builder.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
        }
        else
        {
            builder.Server = server.Host;
            builder.Port = (uint)(server.Port ?? 3306);
        }

        if (!string.IsNullOrEmpty(password))
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }
}
