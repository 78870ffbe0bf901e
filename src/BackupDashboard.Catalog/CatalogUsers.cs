using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Access;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>Dashboard users in the catalog's users table.</summary>
public sealed class CatalogUsers(IDbContextFactory<CatalogDbContext> contexts) : IUserStore
{
    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Users.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(ToAccount)];
    }

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Name == name, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToAccount(row);
    }

    public async Task<string?> PasswordHashAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Users.Where(u => u.Name == name).Select(u => u.PasswordHash).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddAsync(UserAccount user, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Users.Add(new UserRow
        {
            Name = user.Name, Role = user.Role.Name(), PasswordHash = passwordHash, MustChangePassword = user.MustChangePassword,
            CreatedAt = user.CreatedAt, PasswordChangedAt = user.PasswordChangedAt,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
        {
            // SQLITE_CONSTRAINT: the name is taken, by this process or another.
            return false;
        }
    }

    public async Task<bool> SetPasswordAsync(string name, string passwordHash, bool mustChange, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Users.Where(u => u.Name == name).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.PasswordHash, passwordHash)
            .SetProperty(u => u.MustChangePassword, mustChange)
            .SetProperty(u => u.PasswordChangedAt, at), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetRoleAsync(string name, Role role, CancellationToken cancellationToken)
    {
        var roleName = role.Name();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Users.Where(u => u.Name == name).ExecuteUpdateAsync(set => set.SetProperty(u => u.Role, roleName), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Users.Where(u => u.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static UserAccount ToAccount(UserRow row) =>
        new(row.Name, Roles.Parse(row.Role) ?? Role.Viewer, row.MustChangePassword, row.CreatedAt, row.PasswordChangedAt);
}
