using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Access;

/// <summary>The users table in memory: storage only, as the catalog's is; the rules are UserAccounts'.</summary>
internal sealed class MemoryUserStore : IUserStore
{
    private readonly Dictionary<string, (UserAccount User, string Hash)> _users = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserAccount>>([.. _users.Values.Select(u => u.User).OrderBy(u => u.Name, StringComparer.Ordinal)]);

    public Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_users.TryGetValue(name, out var found) ? found.User : null);

    public Task<string?> PasswordHashAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_users.TryGetValue(name, out var found) ? found.Hash : null);

    public Task<bool> AddAsync(UserAccount user, string passwordHash, CancellationToken cancellationToken) =>
        Task.FromResult(_users.TryAdd(user.Name, (user, passwordHash)));

    public Task<bool> SetPasswordAsync(string name, string passwordHash, bool mustChange, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(Update(name, u => (u.User with { MustChangePassword = mustChange, PasswordChangedAt = at }, passwordHash)));

    public Task<bool> SetRoleAsync(string name, Role role, CancellationToken cancellationToken) =>
        Task.FromResult(Update(name, u => (u.User with { Role = role }, u.Hash)));

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_users.Remove(name));

    private bool Update(string name, Func<(UserAccount User, string Hash), (UserAccount, string)> change)
    {
        if (!_users.TryGetValue(name, out var found))
        {
            return false;
        }

        _users[name] = change(found);
        return true;
    }
}

/// <summary>Sign-in sessions in memory.</summary>
internal sealed class MemorySessionStore : ISessionStore
{
    private readonly Dictionary<string, string> _live = new(StringComparer.Ordinal);

    public Task<string> StartAsync(string user, string? client, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        _live[id] = user;
        return Task.FromResult(id);
    }

    public Task<bool> IsLiveAsync(string id, string user, CancellationToken cancellationToken) =>
        Task.FromResult(_live.TryGetValue(id, out var owner) && string.Equals(owner, user, StringComparison.Ordinal));

    public Task EndAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_live.Remove(id));

    public Task<int> EndAllAsync(string user, CancellationToken cancellationToken)
    {
        var ended = _live.Where(s => string.Equals(s.Value, user, StringComparison.Ordinal)).Select(s => s.Key).ToList();
        ended.ForEach(id => _live.Remove(id));
        return Task.FromResult(ended.Count);
    }
}

/// <summary>The api_tokens table in memory.</summary>
internal sealed class MemoryTokenStore : ITokenStore
{
    private readonly Dictionary<string, (ApiToken Token, string SecretHash)> _tokens = new(StringComparer.Ordinal);

    public Task AddAsync(ApiToken token, string secretHash, CancellationToken cancellationToken)
    {
        _tokens.Add(token.Id, (token, secretHash));
        return Task.CompletedTask;
    }

    public Task<(ApiToken Token, string SecretHash)?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<(ApiToken, string)?>(_tokens.TryGetValue(id, out var found) ? found : null);

    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiToken>>([.. _tokens.Values.Select(t => t.Token)]);

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.TryGetValue(id, out var found) && found.Token.RevokedAt is null && Revoke(id, at));

    public Task<int> RevokeAllAsync(string owner, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.Values.Where(t => string.Equals(t.Token.Owner, owner, StringComparison.Ordinal) && t.Token.RevokedAt is null)
            .Select(t => t.Token.Id).ToList().Count(id => Revoke(id, at)));

    public Task MarkUsedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _tokens[id] = (_tokens[id].Token with { LastUsedAt = at }, _tokens[id].SecretHash);
        return Task.CompletedTask;
    }

    private bool Revoke(string id, DateTimeOffset at)
    {
        _tokens[id] = (_tokens[id].Token with { RevokedAt = at }, _tokens[id].SecretHash);
        return true;
    }
}

/// <summary>A clock the test moves on by hand.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>UserAccounts and ApiTokens over the in-memory stores and a data folder of their own, first admin "admin".</summary>
internal sealed class AccessFixture : IDisposable
{
    public const string FirstAdmin = "admin";

    private readonly TempFolder _folder = new("bdash-access-");

    public AccessFixture()
    {
        Data = new DataFolder(_folder.Path);
        Accounts = new UserAccounts(Users, Sessions, TokenStore, Data, FirstAdmin, Clock);
        Tokens = new ApiTokens(TokenStore, Users, Clock);
    }

    public MemoryUserStore Users { get; } = new();
    public MemorySessionStore Sessions { get; } = new();
    public MemoryTokenStore TokenStore { get; } = new();
    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    public DataFolder Data { get; }
    public UserAccounts Accounts { get; }
    public ApiTokens Tokens { get; }

    public void Dispose() => _folder.Dispose();
}
