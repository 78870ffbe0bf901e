namespace BackupDashboard.Engine.Servers;

/// <summary>The servers the operator has registered. The catalog stores them.</summary>
public interface IServerRegistry
{
    Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Registers a server; a name already in use is an error that names it.</summary>
    Task AddAsync(RegisteredServer server, CancellationToken cancellationToken);
}
