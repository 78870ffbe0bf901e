using System.Security.Cryptography;
using System.Text;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// API tokens for automation (docs/access.md): "bdt_" + a 12-hex-digit id + "_" + 256 random
/// bits in base64url. The whole token is shown once; the catalog keeps its id, name, role, owner
/// and a SHA-256 of it (the secret is random, so a fast hash is enough and a stolen catalog gives
/// no token). A request finds the row by id and compares hashes in fixed time.
/// </summary>
public sealed class ApiTokens(ITokenStore tokens, IUserStore users, TimeProvider clock)
{
    public const string Prefix = "bdt_";
    public const int MaxNameLength = 64;

    /// <summary>How stale a token's recorded last use may get: one write per minute of use at most.</summary>
    private static readonly TimeSpan LastUseGranularity = TimeSpan.FromMinutes(1);

    /// <summary>Makes a token for <paramref name="role"/> on behalf of <paramref name="owner"/>; the secret is returned once.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string? name, Role role, string owner, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new AccessRefusedException("name", $"A token needs a name of 1 to {MaxNameLength} printable characters, to tell it apart in the list and the audit log.");
        }

        if (await users.FindAsync(owner, cancellationToken).ConfigureAwait(false) is not { Role: Role.Admin })
        {
            throw new AccessRefusedException("owner", $"Only an admin makes API tokens; '{owner}' is not one.");
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = $"{Prefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var token = new ApiToken(id, name.Trim(), role, owner, clock.GetUtcNow(), LastUsedAt: null, RevokedAt: null);
        await tokens.AddAsync(token, HashOf(secret), cancellationToken).ConfigureAwait(false);
        return (token, secret);
    }

    /// <summary>The live token <paramref name="presented"/> is, recording its use; null for anything else.</summary>
    public async Task<ApiToken?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (presented is not { Length: > 17 and < 100 } || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented[16] != '_')
        {
            return null;
        }

        var found = await tokens.FindAsync(presented[4..16], cancellationToken).ConfigureAwait(false);
        if (found is not var (token, hash)
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), Convert.FromHexString(HashOf(presented)))
            || token.Revoked)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUseGranularity)
        {
            await tokens.MarkUsedAsync(token.Id, now, cancellationToken).ConfigureAwait(false);
        }

        return token;
    }

    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken) => tokens.ListAsync(cancellationToken);

    public async Task RevokeAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length != 12 || !id.All(Uri.IsHexDigit))
        {
            throw new AccessRefusedException("id", "A token id is 12 hexadecimal digits, as the token list shows it.");
        }

        if (await tokens.FindAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new AccessRefusedException("id", $"There is no token {id}.") { IsMissing = true };
        }

        await tokens.RevokeAsync(id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
