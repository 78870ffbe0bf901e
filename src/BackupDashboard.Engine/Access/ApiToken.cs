using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// An API token as it is listed: never its secret, which is shown once when it is made and then
/// kept only as a SHA-256 hash (docs/access.md). It acts with its own role, on behalf of the
/// user who made it: removing that user or changing their password or role revokes it.
/// </summary>
public sealed record ApiToken(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonIgnore] Role Role,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTimeOffset? LastUsedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt)
{
    [JsonPropertyName("role")]
    public string RoleName => Role.Name();

    [JsonPropertyName("revoked")]
    public bool Revoked => RevokedAt is not null;
}

/// <summary>The api_tokens table: plain storage; <see cref="ApiTokens"/> holds the rules.</summary>
public interface ITokenStore
{
    Task AddAsync(ApiToken token, string secretHash, CancellationToken cancellationToken);

    /// <summary>The token and its stored hash, revoked or not; null when there is no such id.</summary>
    Task<(ApiToken Token, string SecretHash)?> FindAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken);

    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes every live token of <paramref name="owner"/>; how many there were.</summary>
    Task<int> RevokeAllAsync(string owner, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkUsedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
