using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// A server registry in memory with the catalog's rules for the page tests: an edit keeps the
/// name, and an empty password keeps the stored one.
/// </summary>
internal sealed class MemoryServers : IServerRegistry
{
    private readonly List<RegisteredServer> _servers = [];
    private readonly Dictionary<string, string?> _passwords = new(StringComparer.Ordinal);

    public MemoryServers(params (RegisteredServer Server, string? Password)[] servers)
    {
        foreach (var (server, password) in servers)
        {
            _servers.Add(server with { HasPassword = password is not null });
            _passwords[server.Name] = password;
        }
    }

    public IReadOnlyList<RegisteredServer> Servers => _servers;

    public string? Password(string name) => _passwords.GetValueOrDefault(name);

    public Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RegisteredServer>>([.. _servers]);

    public Task<RegisteredServer?> FindAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_servers.Find(s => s.Name == name));

    public Task AddAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        if (_servers.Exists(s => s.Name == server.Name))
        {
            throw new InvalidOperationException($"A server named '{server.Name}' is already registered.");
        }

        _servers.Add(server with { HasPassword = !string.IsNullOrEmpty(password) });
        _passwords[server.Name] = string.IsNullOrEmpty(password) ? null : password;
        return Task.CompletedTask;
    }

    public Task<bool> UpdateAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        var index = _servers.FindIndex(s => s.Name == server.Name);
        if (index < 0)
        {
            return Task.FromResult(false);
        }

        if (!string.IsNullOrEmpty(password))
        {
            _passwords[server.Name] = password;
        }

        _servers[index] = server with { HasPassword = _passwords[server.Name] is not null };
        return Task.FromResult(true);
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_servers.RemoveAll(s => s.Name == name) == 1);

    public Task<string?> GetPasswordAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Password(name));
}

/// <summary>An audit trail in memory: what the page service wrote.</summary>
internal sealed class MemoryAudit : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task AppendAsync(string who, string via, string address, string action, string outcome, CancellationToken cancellationToken)
    {
        Entries.Add(new AuditEntry(Entries.Count + 1, DateTimeOffset.UnixEpoch, who, via, address, action, outcome));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries.AsEnumerable().Reverse().Take(limit)]);
}
