namespace BackupDashboard.Engine.Servers;

/// <summary>
/// What a server registration must say before it is stored (CLI, API): a valid name
/// (<see cref="ServerName"/>), a port in 1-65535, absolute paths for the datadir and the socket,
/// and no control characters (NUL included) or absurd lengths anywhere: these values end up in
/// option files, command lines and folder names.
/// </summary>
public static class ServerRegistrationCheck
{
    private const int MaxPathLength = 4096;
    private const int MaxUserLength = 128;
    private const int MaxHostLength = 255;

    /// <summary>Null when the registration is sound, otherwise the field at fault (API names) and why.</summary>
    public static (string Field, string Problem)? Problem(RegisteredServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (ServerName.Problem(server.Name) is { } name)
        {
            return ("name", name);
        }

        if (server.Port is { } port && port is < 1 or > 65535)
        {
            return ("port", $"port must be 1 to 65535, not {port}.");
        }

        return Text("user", server.User, MaxUserLength, mustBeAbsolute: false)
            ?? Text("host", server.Host, MaxHostLength, mustBeAbsolute: false)
            ?? Text("socket", server.SocketPath, MaxPathLength, mustBeAbsolute: true)
            ?? Text("datadir", server.DataDir, MaxPathLength, mustBeAbsolute: true)
            ?? Text("tool_path", server.ToolPath, MaxPathLength, mustBeAbsolute: true);
    }

    /// <summary>
    /// A password must fit the option file the tool reads it from: no NUL, and short enough for
    /// the reader's 4 KiB line once escaped. Everything else (spaces, quotes, '#', newlines) is
    /// escaped there and reads back exactly.
    /// </summary>
    public static string? PasswordProblem(string? password) =>
        password is null ? null
        : password.Contains('\0', StringComparison.Ordinal) ? "password holds a NUL character, which an option file cannot carry."
        : password.Length > 1000 ? $"password has {password.Length} characters; at most 1000."
        : null;

    private static (string, string)? Text(string field, string? value, int maxLength, bool mustBeAbsolute)
    {
        if (value is null)
        {
            return field is "user" or "datadir" ? (field, $"{field} is required.") : null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return (field, $"{field} is empty.");
        }

        if (value.Length > maxLength)
        {
            return (field, $"{field} has {value.Length} characters; at most {maxLength}.");
        }

        if (value.Any(char.IsControl))
        {
            return (field, $"{field} holds a control character (NUL, newline, …).");
        }

        return mustBeAbsolute && !Path.IsPathRooted(value) ? (field, $"{field} must be an absolute path, not '{value}'.") : null;
    }
}
