namespace BackupDashboard.Engine.Servers;

/// <summary>The servers the operator has registered. The catalog stores them, passwords encrypted.</summary>
public interface IServerRegistry
{
    Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken);

    Task<RegisteredServer?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Registers a server; a name already in use is an error that names it.</summary>
    Task AddAsync(RegisteredServer server, string? password, CancellationToken cancellationToken);

    /// <summary>The server's password in plain text, for the moment a tool or connection needs it.</summary>
    Task<string?> GetPasswordAsync(string name, CancellationToken cancellationToken);
}
