using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Access;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>API tokens in the catalog's api_tokens table: ids, roles, owners and hashes, never a token.</summary>
public sealed class CatalogTokens(IDbContextFactory<CatalogDbContext> contexts) : ITokenStore
{
    public async Task AddAsync(ApiToken token, string secretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ApiTokens.Add(new ApiTokenRow
        {
            Id = token.Id, Name = token.Name, Role = token.Role.Name(), Owner = token.Owner, SecretHash = secretHash, CreatedAt = token.CreatedAt,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(ApiToken Token, string SecretHash)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : (ToToken(row), row.SecretHash);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ApiTokens.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderByDescending(r => r.CreatedAt).Select(ToToken)];
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, at), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<int> RevokeAllAsync(string owner, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.ApiTokens.Where(t => t.Owner == owner && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, at), cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkUsedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, at), cancellationToken).ConfigureAwait(false);
    }

    private static ApiToken ToToken(ApiTokenRow row) =>
        new(row.Id, row.Name, Roles.Parse(row.Role) ?? Role.Viewer, row.Owner, row.CreatedAt, row.LastUsedAt, row.RevokedAt);
}
