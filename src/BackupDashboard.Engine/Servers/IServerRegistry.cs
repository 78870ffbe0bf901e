namespace BackupDashboard.Engine.Servers;

/// <summary>The servers the operator has registered. The catalog stores them, passwords encrypted.</summary>
public interface IServerRegistry
{
    Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken);

    Task<RegisteredServer?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Registers a server; a name already in use is an error that names it.</summary>
    Task AddAsync(RegisteredServer server, string? password, CancellationToken cancellationToken);

    /// <summary>
    /// Changes how a registered server is reached, as whom, its datadir and its tool. The name is
    /// the key (its backups' folder and job queue) and never changes. A null or empty password
    /// keeps the stored one. The program registered with bdash --tool-path stays while the tool
    /// stays; a different tool drops it, as that program is the other tool's. False when no
    /// server has the name; editing the sandbox, which the dashboard sets up itself, is an error
    /// saying so.
    /// </summary>
    Task<bool> UpdateAsync(RegisteredServer server, string? password, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a registration and its schedule (a schedule of a server that is not registered
    /// could only fail). Its backups, their catalog records, its retention policy and its job
    /// history stay: they are the operator's data. False when no server has the name.
    /// </summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>The server's password in plain text, for the moment a tool or connection needs it.</summary>
    Task<string?> GetPasswordAsync(string name, CancellationToken cancellationToken);
}
