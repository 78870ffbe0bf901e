using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Engine.Tests;

/// <summary>A server registry that knows one server, for engine tests that need no catalog file.</summary>
internal sealed class OneServer(RegisteredServer server) : IServerRegistry
{
    public Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RegisteredServer>>([server]);

    public Task<RegisteredServer?> FindAsync(string name, CancellationToken cancellationToken) => Task.FromResult(name == server.Name ? server : null);

    public Task AddAsync(RegisteredServer server, string? password, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

    public Task<bool> UpdateAsync(RegisteredServer server, string? password, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

    /// <summary>The names a removal was asked for; the server stays findable (tests look at this list).</summary>
    public List<string> Removed { get; } = [];

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        Removed.Add(name);
        return Task.FromResult(name == server.Name);
    }

    public Task<string?> GetPasswordAsync(string name, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
