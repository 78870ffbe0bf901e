using System.Security.Cryptography;
using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>Sign-in sessions in the catalog's sessions table; the per-request check is one indexed plain-SQL read.</summary>
public sealed class CatalogSessions(IDbContextFactory<CatalogDbContext> contexts, string catalogFile, TimeProvider clock) : ISessionStore
{
    public async Task<string> StartAsync(string user, string? client, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Sessions.Add(new SessionRow { Id = id, User = user, Client = client, StartedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<bool> IsLiveAsync(string id, string user, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={catalogFile}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sessions WHERE Id = $id AND User = $user AND EndedAt IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$user", user);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> EndAllAsync(string user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Sessions.Where(s => s.User == user && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now), cancellationToken).ConfigureAwait(false);
    }
}
