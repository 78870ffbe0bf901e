using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Access;

/// <summary>A dashboard user as pages, the API and bdash show it: never the password's hash.</summary>
public sealed record UserAccount(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonIgnore] Role Role,
    [property: JsonPropertyName("must_change_password")] bool MustChangePassword,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("password_changed_at")] DateTimeOffset? PasswordChangedAt)
{
    [JsonPropertyName("role")]
    public string RoleName => Role.Name();
}

/// <summary>The users table: plain storage; <see cref="UserAccounts"/> holds the rules.</summary>
public interface IUserStore
{
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The stored hash, or null when there is no such user.</summary>
    Task<string?> PasswordHashAsync(string name, CancellationToken cancellationToken);

    /// <summary>False when a user of that name exists already (nothing is changed then).</summary>
    Task<bool> AddAsync(UserAccount user, string passwordHash, CancellationToken cancellationToken);

    Task<bool> SetPasswordAsync(string name, string passwordHash, bool mustChange, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> SetRoleAsync(string name, Role role, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);
}
