using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Services;

/// <summary>
/// What a registration from the API or the Servers page must pass before anything is stored:
/// one way to reach the server, the engine's rules (<see cref="ServerRegistrationCheck"/>) and a
/// password an option file can carry. The field at fault is named as the API names it.
/// </summary>
internal static class ServerInput
{
    public static (string Field, string Problem)? Problem(RegisteredServer server, string? password)
    {
        ArgumentNullException.ThrowIfNull(server);
        if ((server.SocketPath is null) == (server.Host is null) || (server.Host is not null && server.Port is null))
        {
            return ("host", "Give either host and port, or socket.");
        }

        if (ServerRegistrationCheck.Problem(server) is { } problem)
        {
            return problem;
        }

        return ServerRegistrationCheck.PasswordProblem(password) is { } badPassword ? ("password", badPassword) : null;
    }
}
